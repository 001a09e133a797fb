namespace Fargo.Aws.Ecr;

public sealed record DeleteRepositoryPolicyRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }
}

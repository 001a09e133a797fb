namespace Fargo.Aws.Ecr;

public sealed record GetRepositoryPolicyRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }
}

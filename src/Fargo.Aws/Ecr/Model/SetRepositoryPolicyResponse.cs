namespace Fargo.Aws.Ecr;

public sealed record SetRepositoryPolicyResponse
{
    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    public string? PolicyText { get; init; }
}

namespace Fargo.Aws.Ecr;

public sealed record GetRepositoryPolicyResponse
{
    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    public string? PolicyText { get; init; }
}

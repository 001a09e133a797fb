namespace Fargo.Aws.Ecr;

public sealed record SetRepositoryPolicyRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public required string PolicyText { get; init; }

    public bool? Force { get; init; }
}

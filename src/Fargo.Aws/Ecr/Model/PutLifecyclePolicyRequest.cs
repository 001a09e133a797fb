using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record PutLifecyclePolicyRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public required string LifecyclePolicyText { get; init; }
}

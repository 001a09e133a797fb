using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record PutLifecyclePolicyResponse
{
    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    public string? LifecyclePolicyText { get; init; }
}

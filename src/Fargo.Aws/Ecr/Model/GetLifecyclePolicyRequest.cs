using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record GetLifecyclePolicyRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }
}

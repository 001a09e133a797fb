using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DescribeServicesRequest
{
    public string? Cluster { get; init; }

    public required IReadOnlyList<string> Services { get; init; }

    public IReadOnlyList<ServiceField>? Include { get; init; }
}

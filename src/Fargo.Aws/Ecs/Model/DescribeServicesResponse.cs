using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DescribeServicesResponse
{
    public IReadOnlyList<Service>? Services { get; init; }

    public IReadOnlyList<Failure>? Failures { get; init; }
}

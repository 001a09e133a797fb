using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DescribeClustersResponse
{
    public IReadOnlyList<Cluster>? Clusters { get; init; }

    public IReadOnlyList<Failure>? Failures { get; init; }
}

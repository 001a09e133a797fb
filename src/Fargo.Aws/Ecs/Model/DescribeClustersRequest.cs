using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DescribeClustersRequest
{
    public IReadOnlyList<string>? Clusters { get; init; }

    public IReadOnlyList<ClusterField>? Include { get; init; }
}

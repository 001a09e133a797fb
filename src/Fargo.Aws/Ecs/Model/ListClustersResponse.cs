using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListClustersResponse
{
    public IReadOnlyList<string>? ClusterArns { get; init; }

    public string? NextToken { get; init; }
}

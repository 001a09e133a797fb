using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DescribeListenersResponse
{
    public IReadOnlyList<Listener>? Listeners { get; init; }

    public string? NextMarker { get; init; }
}

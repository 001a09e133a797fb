using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DescribeLoadBalancersResponse
{
    public IReadOnlyList<LoadBalancer>? LoadBalancers { get; init; }

    public string? NextMarker { get; init; }
}

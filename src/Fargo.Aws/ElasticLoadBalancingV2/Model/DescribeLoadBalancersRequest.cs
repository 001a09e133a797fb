using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DescribeLoadBalancersRequest
{
    public IReadOnlyList<string>? LoadBalancerArns { get; init; }

    public IReadOnlyList<string>? Names { get; init; }

    public string? Marker { get; init; }

    public int? PageSize { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DescribeListenersRequest
{
    public string? LoadBalancerArn { get; init; }

    public IReadOnlyList<string>? ListenerArns { get; init; }

    public string? Marker { get; init; }

    public int? PageSize { get; init; }
}

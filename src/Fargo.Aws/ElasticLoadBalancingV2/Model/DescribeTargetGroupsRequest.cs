using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DescribeTargetGroupsRequest
{
    public string? LoadBalancerArn { get; init; }

    public IReadOnlyList<string>? TargetGroupArns { get; init; }

    public IReadOnlyList<string>? Names { get; init; }

    public string? Marker { get; init; }

    public int? PageSize { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DescribeTargetGroupsResponse
{
    public IReadOnlyList<TargetGroup>? TargetGroups { get; init; }

    public string? NextMarker { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DescribeTargetGroupAttributesResponse
{
    public IReadOnlyList<TargetGroupAttribute>? Attributes { get; init; }
}

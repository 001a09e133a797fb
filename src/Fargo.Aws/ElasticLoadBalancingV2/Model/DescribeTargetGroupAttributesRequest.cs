using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DescribeTargetGroupAttributesRequest
{
    public required string TargetGroupArn { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record ModifyTargetGroupAttributesRequest
{
    public required string TargetGroupArn { get; init; }

    public required IReadOnlyList<TargetGroupAttribute> Attributes { get; init; }
}

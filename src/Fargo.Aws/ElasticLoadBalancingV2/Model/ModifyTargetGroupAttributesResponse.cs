using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record ModifyTargetGroupAttributesResponse
{
    public IReadOnlyList<TargetGroupAttribute>? Attributes { get; init; }
}

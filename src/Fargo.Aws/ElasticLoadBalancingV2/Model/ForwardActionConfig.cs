using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record ForwardActionConfig
{
    public IReadOnlyList<TargetGroupTuple>? TargetGroups { get; init; }

    public TargetGroupStickinessConfig? TargetGroupStickinessConfig { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record TargetGroupTuple
{
    public string? TargetGroupArn { get; init; }

    public int? Weight { get; init; }
}

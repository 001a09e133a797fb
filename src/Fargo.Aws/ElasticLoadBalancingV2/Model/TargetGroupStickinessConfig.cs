using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record TargetGroupStickinessConfig
{
    public bool? Enabled { get; init; }

    public int? DurationSeconds { get; init; }
}

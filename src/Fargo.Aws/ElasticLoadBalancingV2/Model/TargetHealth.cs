using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record TargetHealth
{
    public TargetHealthState? State { get; init; }

    public TargetHealthReason? Reason { get; init; }

    public string? Description { get; init; }
}

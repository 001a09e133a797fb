using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record StepScalingPolicyConfiguration
{
    public AdjustmentType? AdjustmentType { get; init; }

    public IReadOnlyList<StepAdjustment>? StepAdjustments { get; init; }

    public int? MinAdjustmentMagnitude { get; init; }

    public int? Cooldown { get; init; }

    public MetricAggregationType? MetricAggregationType { get; init; }
}

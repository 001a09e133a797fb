using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record StepAdjustment
{
    public double? MetricIntervalLowerBound { get; init; }

    public double? MetricIntervalUpperBound { get; init; }

    public required int ScalingAdjustment { get; init; }
}

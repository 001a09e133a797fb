using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record TargetTrackingMetricStat
{
    public required TargetTrackingMetric Metric { get; init; }

    public required string Stat { get; init; }

    public string? Unit { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record TargetTrackingMetric
{
    public IReadOnlyList<TargetTrackingMetricDimension>? Dimensions { get; init; }

    public string? MetricName { get; init; }

    public string? Namespace { get; init; }
}

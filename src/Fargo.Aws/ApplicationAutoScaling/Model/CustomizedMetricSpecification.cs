using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record CustomizedMetricSpecification
{
    public string? MetricName { get; init; }

    public string? Namespace { get; init; }

    public IReadOnlyList<MetricDimension>? Dimensions { get; init; }

    public MetricStatistic? Statistic { get; init; }

    public string? Unit { get; init; }

    public IReadOnlyList<TargetTrackingMetricDataQuery>? Metrics { get; init; }
}

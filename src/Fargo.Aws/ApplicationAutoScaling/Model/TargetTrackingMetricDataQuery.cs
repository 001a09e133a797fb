using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record TargetTrackingMetricDataQuery
{
    public string? Expression { get; init; }

    public required string Id { get; init; }

    public string? Label { get; init; }

    public TargetTrackingMetricStat? MetricStat { get; init; }

    public bool? ReturnData { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record PredefinedMetricSpecification
{
    public required MetricType PredefinedMetricType { get; init; }

    public string? ResourceLabel { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record TargetTrackingMetricDimension
{
    public required string Name { get; init; }

    public required string Value { get; init; }
}

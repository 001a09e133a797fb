using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record MetricDimension
{
    public required string Name { get; init; }

    public required string Value { get; init; }
}

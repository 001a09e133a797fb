using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record ScalingActivity
{
    public required string ActivityId { get; init; }

    public required ServiceNamespace ServiceNamespace { get; init; }

    public required string ResourceId { get; init; }

    public required ScalableDimension ScalableDimension { get; init; }

    public required string Description { get; init; }

    public required string Cause { get; init; }

    public required DateTimeOffset StartTime { get; init; }

    public DateTimeOffset? EndTime { get; init; }

    public required ScalingActivityStatusCode StatusCode { get; init; }

    public string? StatusMessage { get; init; }

    public string? Details { get; init; }

    public IReadOnlyList<NotScaledReason>? NotScaledReasons { get; init; }
}

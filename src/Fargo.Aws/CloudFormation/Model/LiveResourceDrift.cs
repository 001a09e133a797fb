using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record LiveResourceDrift
{
    public string? PreviousValue { get; init; }

    public string? ActualValue { get; init; }

    public DateTimeOffset? DriftDetectionTimestamp { get; init; }
}

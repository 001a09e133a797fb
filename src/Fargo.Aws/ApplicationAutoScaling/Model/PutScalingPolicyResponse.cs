using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record PutScalingPolicyResponse
{
    public required string PolicyARN { get; init; }

    public IReadOnlyList<Alarm>? Alarms { get; init; }
}

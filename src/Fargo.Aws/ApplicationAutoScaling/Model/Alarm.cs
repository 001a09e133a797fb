using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record Alarm
{
    public required string AlarmName { get; init; }

    public required string AlarmARN { get; init; }
}

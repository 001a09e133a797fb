using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record SuspendedState
{
    public bool? DynamicScalingInSuspended { get; init; }

    public bool? DynamicScalingOutSuspended { get; init; }

    public bool? ScheduledScalingSuspended { get; init; }
}

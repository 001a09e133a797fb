namespace Fargo.Aws.Ecs;

public sealed record ManagedScaling
{
    public ManagedScalingStatus? Status { get; init; }

    public int? TargetCapacity { get; init; }

    public int? MinimumScalingStepSize { get; init; }

    public int? MaximumScalingStepSize { get; init; }

    public int? InstanceWarmupPeriod { get; init; }
}

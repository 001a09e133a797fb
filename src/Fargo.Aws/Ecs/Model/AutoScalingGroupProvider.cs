namespace Fargo.Aws.Ecs;

public sealed record AutoScalingGroupProvider
{
    public required string AutoScalingGroupArn { get; init; }

    public ManagedScaling? ManagedScaling { get; init; }

    public ManagedTerminationProtection? ManagedTerminationProtection { get; init; }

    public string? ManagedDraining { get; init; }
}

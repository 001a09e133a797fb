namespace Fargo.Aws.Ecs;

public sealed record AutoScalingGroupProviderUpdate
{
    public ManagedScaling? ManagedScaling { get; init; }

    public ManagedTerminationProtection? ManagedTerminationProtection { get; init; }

    public string? ManagedDraining { get; init; }
}

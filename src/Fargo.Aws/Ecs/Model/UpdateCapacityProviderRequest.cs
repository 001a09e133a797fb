namespace Fargo.Aws.Ecs;

public sealed record UpdateCapacityProviderRequest
{
    public required string Name { get; init; }

    public required AutoScalingGroupProviderUpdate AutoScalingGroupProvider { get; init; }
}

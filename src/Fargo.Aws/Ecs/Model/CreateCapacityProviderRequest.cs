namespace Fargo.Aws.Ecs;

public sealed record CreateCapacityProviderRequest
{
    public required string Name { get; init; }

    public required AutoScalingGroupProvider AutoScalingGroupProvider { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

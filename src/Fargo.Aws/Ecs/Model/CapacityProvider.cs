namespace Fargo.Aws.Ecs;

/// <summary>An EC2 Auto Scaling group capacity provider, or Fargate's (which have no Auto Scaling group).</summary>
public sealed record CapacityProvider
{
    public string? CapacityProviderArn { get; init; }

    public string? Name { get; init; }

    public CapacityProviderStatus? Status { get; init; }

    public AutoScalingGroupProvider? AutoScalingGroupProvider { get; init; }

    public CapacityProviderUpdateStatus? UpdateStatus { get; init; }

    public string? UpdateStatusReason { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

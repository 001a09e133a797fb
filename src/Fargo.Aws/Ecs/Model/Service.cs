using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Service
{
    public string? ServiceArn { get; init; }

    public string? ServiceName { get; init; }

    public string? ClusterArn { get; init; }

    public IReadOnlyList<LoadBalancer>? LoadBalancers { get; init; }

    public IReadOnlyList<ServiceRegistry>? ServiceRegistries { get; init; }

    public string? Status { get; init; }

    public int DesiredCount { get; init; }

    public int RunningCount { get; init; }

    public int PendingCount { get; init; }

    public LaunchType? LaunchType { get; init; }

    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }

    public string? PlatformVersion { get; init; }

    public string? PlatformFamily { get; init; }

    public string? TaskDefinition { get; init; }

    public DeploymentConfiguration? DeploymentConfiguration { get; init; }

    public IReadOnlyList<TaskSet>? TaskSets { get; init; }

    public IReadOnlyList<Deployment>? Deployments { get; init; }

    public string? RoleArn { get; init; }

    public IReadOnlyList<ServiceEvent>? Events { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public IReadOnlyList<PlacementConstraint>? PlacementConstraints { get; init; }

    public IReadOnlyList<PlacementStrategy>? PlacementStrategy { get; init; }

    public NetworkConfiguration? NetworkConfiguration { get; init; }

    public int? HealthCheckGracePeriodSeconds { get; init; }

    public SchedulingStrategy? SchedulingStrategy { get; init; }

    public DeploymentController? DeploymentController { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public string? CreatedBy { get; init; }

    public bool EnableECSManagedTags { get; init; }

    public PropagateTags? PropagateTags { get; init; }

    public bool EnableExecuteCommand { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record CreateServiceRequest
{
    public string? Cluster { get; init; }

    public required string ServiceName { get; init; }

    public string? TaskDefinition { get; init; }

    public IReadOnlyList<LoadBalancer>? LoadBalancers { get; init; }

    public IReadOnlyList<ServiceRegistry>? ServiceRegistries { get; init; }

    public int? DesiredCount { get; init; }

    public string? ClientToken { get; init; }

    public LaunchType? LaunchType { get; init; }

    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }

    public string? PlatformVersion { get; init; }

    public string? Role { get; init; }

    public DeploymentConfiguration? DeploymentConfiguration { get; init; }

    public IReadOnlyList<PlacementConstraint>? PlacementConstraints { get; init; }

    public IReadOnlyList<PlacementStrategy>? PlacementStrategy { get; init; }

    public NetworkConfiguration? NetworkConfiguration { get; init; }

    public int? HealthCheckGracePeriodSeconds { get; init; }

    public SchedulingStrategy? SchedulingStrategy { get; init; }

    public DeploymentController? DeploymentController { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public bool? EnableECSManagedTags { get; init; }

    public PropagateTags? PropagateTags { get; init; }

    public bool? EnableExecuteCommand { get; init; }

    public ServiceConnectConfiguration? ServiceConnectConfiguration { get; init; }

    public IReadOnlyList<ServiceVolumeConfiguration>? VolumeConfigurations { get; init; }
}

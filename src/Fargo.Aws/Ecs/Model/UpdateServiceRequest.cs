using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record UpdateServiceRequest
{
    public string? Cluster { get; init; }

    public required string Service { get; init; }

    public int? DesiredCount { get; init; }

    public string? TaskDefinition { get; init; }

    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }

    public DeploymentConfiguration? DeploymentConfiguration { get; init; }

    public NetworkConfiguration? NetworkConfiguration { get; init; }

    public IReadOnlyList<PlacementConstraint>? PlacementConstraints { get; init; }

    public IReadOnlyList<PlacementStrategy>? PlacementStrategy { get; init; }

    public string? PlatformVersion { get; init; }

    public bool? ForceNewDeployment { get; init; }

    public int? HealthCheckGracePeriodSeconds { get; init; }

    public bool? EnableExecuteCommand { get; init; }

    public bool? EnableECSManagedTags { get; init; }

    public IReadOnlyList<LoadBalancer>? LoadBalancers { get; init; }

    public PropagateTags? PropagateTags { get; init; }

    public IReadOnlyList<ServiceRegistry>? ServiceRegistries { get; init; }

    public ServiceConnectConfiguration? ServiceConnectConfiguration { get; init; }

    public IReadOnlyList<ServiceVolumeConfiguration>? VolumeConfigurations { get; init; }
}

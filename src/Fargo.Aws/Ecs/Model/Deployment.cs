using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Deployment
{
    public string? Id { get; init; }

    public string? Status { get; init; }

    public string? TaskDefinition { get; init; }

    public int DesiredCount { get; init; }

    public int PendingCount { get; init; }

    public int RunningCount { get; init; }

    public int FailedTasks { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? UpdatedAt { get; init; }

    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }

    public LaunchType? LaunchType { get; init; }

    public string? PlatformVersion { get; init; }

    public string? PlatformFamily { get; init; }

    public NetworkConfiguration? NetworkConfiguration { get; init; }

    public DeploymentRolloutState? RolloutState { get; init; }

    public string? RolloutStateReason { get; init; }

    public ServiceConnectConfiguration? ServiceConnectConfiguration { get; init; }

    public IReadOnlyList<ServiceConnectServiceResource>? ServiceConnectResources { get; init; }

    public IReadOnlyList<ServiceVolumeConfiguration>? VolumeConfigurations { get; init; }

    public DeploymentEphemeralStorage? FargateEphemeralStorage { get; init; }
}

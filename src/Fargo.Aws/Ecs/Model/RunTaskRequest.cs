using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record RunTaskRequest
{
    public IReadOnlyList<CapacityProviderStrategyItem>? CapacityProviderStrategy { get; init; }

    public string? Cluster { get; init; }

    public int? Count { get; init; }

    public bool? EnableECSManagedTags { get; init; }

    public bool? EnableExecuteCommand { get; init; }

    public string? Group { get; init; }

    public LaunchType? LaunchType { get; init; }

    public NetworkConfiguration? NetworkConfiguration { get; init; }

    public TaskOverride? Overrides { get; init; }

    public IReadOnlyList<PlacementConstraint>? PlacementConstraints { get; init; }

    public IReadOnlyList<PlacementStrategy>? PlacementStrategy { get; init; }

    public string? PlatformVersion { get; init; }

    public PropagateTags? PropagateTags { get; init; }

    public string? ReferenceId { get; init; }

    public string? StartedBy { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public required string TaskDefinition { get; init; }

    public string? ClientToken { get; init; }

    public IReadOnlyList<TaskVolumeConfiguration>? VolumeConfigurations { get; init; }
}

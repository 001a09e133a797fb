using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record EcsTask
{
    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public IReadOnlyList<AttributeSpec>? Attributes { get; init; }

    public string? AvailabilityZone { get; init; }

    public string? CapacityProviderName { get; init; }

    public string? ClusterArn { get; init; }

    public Connectivity? Connectivity { get; init; }

    public DateTimeOffset? ConnectivityAt { get; init; }

    public string? ContainerInstanceArn { get; init; }

    public IReadOnlyList<Container>? Containers { get; init; }

    public string? Cpu { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public string? DesiredStatus { get; init; }

    public bool EnableExecuteCommand { get; init; }

    public DateTimeOffset? ExecutionStoppedAt { get; init; }

    public string? Group { get; init; }

    public HealthStatus? HealthStatus { get; init; }

    public IReadOnlyList<InferenceAccelerator>? InferenceAccelerators { get; init; }

    public string? LastStatus { get; init; }

    public LaunchType? LaunchType { get; init; }

    public string? Memory { get; init; }

    public TaskOverride? Overrides { get; init; }

    public string? PlatformVersion { get; init; }

    public string? PlatformFamily { get; init; }

    public DateTimeOffset? PullStartedAt { get; init; }

    public DateTimeOffset? PullStoppedAt { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public string? StartedBy { get; init; }

    public TaskStopCode? StopCode { get; init; }

    public DateTimeOffset? StoppedAt { get; init; }

    public string? StoppedReason { get; init; }

    public DateTimeOffset? StoppingAt { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public string? TaskArn { get; init; }

    public string? TaskDefinitionArn { get; init; }

    public long Version { get; init; }

    public EphemeralStorage? EphemeralStorage { get; init; }

    public TaskEphemeralStorage? FargateEphemeralStorage { get; init; }
}

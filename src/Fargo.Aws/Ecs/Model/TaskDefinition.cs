using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record TaskDefinition
{
    public string? TaskDefinitionArn { get; init; }

    public IReadOnlyList<ContainerDefinition>? ContainerDefinitions { get; init; }

    public string? Family { get; init; }

    public string? TaskRoleArn { get; init; }

    public string? ExecutionRoleArn { get; init; }

    public NetworkMode? NetworkMode { get; init; }

    public int Revision { get; init; }

    public IReadOnlyList<Volume>? Volumes { get; init; }

    public TaskDefinitionStatus? Status { get; init; }

    public IReadOnlyList<AttributeSpec>? RequiresAttributes { get; init; }

    public IReadOnlyList<TaskDefinitionPlacementConstraint>? PlacementConstraints { get; init; }

    public IReadOnlyList<Compatibility>? Compatibilities { get; init; }

    public RuntimePlatform? RuntimePlatform { get; init; }

    public IReadOnlyList<Compatibility>? RequiresCompatibilities { get; init; }

    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public IReadOnlyList<InferenceAccelerator>? InferenceAccelerators { get; init; }

    public PidMode? PidMode { get; init; }

    public IpcMode? IpcMode { get; init; }

    public ProxyConfiguration? ProxyConfiguration { get; init; }

    public DateTimeOffset? RegisteredAt { get; init; }

    public DateTimeOffset? DeregisteredAt { get; init; }

    public string? RegisteredBy { get; init; }

    public EphemeralStorage? EphemeralStorage { get; init; }
}

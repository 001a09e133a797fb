using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record RegisterTaskDefinitionRequest
{
    public required string Family { get; init; }

    public string? TaskRoleArn { get; init; }

    public string? ExecutionRoleArn { get; init; }

    public NetworkMode? NetworkMode { get; init; }

    public required IReadOnlyList<ContainerDefinition> ContainerDefinitions { get; init; }

    public IReadOnlyList<Volume>? Volumes { get; init; }

    public IReadOnlyList<TaskDefinitionPlacementConstraint>? PlacementConstraints { get; init; }

    public IReadOnlyList<Compatibility>? RequiresCompatibilities { get; init; }

    public string? Cpu { get; init; }

    public string? Memory { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public PidMode? PidMode { get; init; }

    public IpcMode? IpcMode { get; init; }

    public ProxyConfiguration? ProxyConfiguration { get; init; }

    public IReadOnlyList<InferenceAccelerator>? InferenceAccelerators { get; init; }

    public EphemeralStorage? EphemeralStorage { get; init; }

    public RuntimePlatform? RuntimePlatform { get; init; }
}

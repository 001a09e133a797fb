using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record TaskOverride
{
    public IReadOnlyList<ContainerOverride>? ContainerOverrides { get; init; }

    public string? Cpu { get; init; }

    public IReadOnlyList<InferenceAcceleratorOverride>? InferenceAcceleratorOverrides { get; init; }

    public string? ExecutionRoleArn { get; init; }

    public string? Memory { get; init; }

    public string? TaskRoleArn { get; init; }

    public EphemeralStorage? EphemeralStorage { get; init; }
}

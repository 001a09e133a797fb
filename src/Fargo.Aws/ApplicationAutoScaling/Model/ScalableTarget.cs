using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record ScalableTarget
{
    public required ServiceNamespace ServiceNamespace { get; init; }

    public required string ResourceId { get; init; }

    public required ScalableDimension ScalableDimension { get; init; }

    public required int MinCapacity { get; init; }

    public required int MaxCapacity { get; init; }

    public required string RoleARN { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public SuspendedState? SuspendedState { get; init; }

    public string? ScalableTargetARN { get; init; }
}

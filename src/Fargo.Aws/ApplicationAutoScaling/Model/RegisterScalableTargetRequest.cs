using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record RegisterScalableTargetRequest
{
    public required ServiceNamespace ServiceNamespace { get; init; }

    public required string ResourceId { get; init; }

    public required ScalableDimension ScalableDimension { get; init; }

    public int? MinCapacity { get; init; }

    public int? MaxCapacity { get; init; }

    public string? RoleARN { get; init; }

    public SuspendedState? SuspendedState { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

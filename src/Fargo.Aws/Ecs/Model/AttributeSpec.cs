using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record AttributeSpec
{
    public required string Name { get; init; }

    public string? Value { get; init; }

    public TargetType? TargetType { get; init; }

    public string? TargetId { get; init; }
}

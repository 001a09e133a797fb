using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ResourceRequirement
{
    public required string Value { get; init; }

    public required ResourceType Type { get; init; }
}

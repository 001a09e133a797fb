using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Secret
{
    public required string Name { get; init; }

    public required string ValueFrom { get; init; }
}

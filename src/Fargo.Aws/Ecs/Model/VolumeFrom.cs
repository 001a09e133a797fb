using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record VolumeFrom
{
    public string? SourceContainer { get; init; }

    public bool? ReadOnly { get; init; }
}

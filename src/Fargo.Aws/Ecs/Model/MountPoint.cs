using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record MountPoint
{
    public string? SourceVolume { get; init; }

    public string? ContainerPath { get; init; }

    public bool? ReadOnly { get; init; }
}

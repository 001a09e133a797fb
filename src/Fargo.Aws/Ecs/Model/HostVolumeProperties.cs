using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record HostVolumeProperties
{
    public string? SourcePath { get; init; }
}

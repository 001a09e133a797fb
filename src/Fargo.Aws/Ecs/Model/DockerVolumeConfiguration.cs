using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DockerVolumeConfiguration
{
    public Scope? Scope { get; init; }

    public bool? Autoprovision { get; init; }

    public string? Driver { get; init; }

    public IReadOnlyDictionary<string, string>? DriverOpts { get; init; }

    public IReadOnlyDictionary<string, string>? Labels { get; init; }
}

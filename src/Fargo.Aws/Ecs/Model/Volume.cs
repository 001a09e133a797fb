using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Volume
{
    public string? Name { get; init; }

    public HostVolumeProperties? Host { get; init; }

    public DockerVolumeConfiguration? DockerVolumeConfiguration { get; init; }

    public EfsVolumeConfiguration? EfsVolumeConfiguration { get; init; }

    public FsxWindowsFileServerVolumeConfiguration? FsxWindowsFileServerVolumeConfiguration { get; init; }

    public bool? ConfiguredAtLaunch { get; init; }
}

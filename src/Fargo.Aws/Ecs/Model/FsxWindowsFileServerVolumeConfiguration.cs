using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record FsxWindowsFileServerVolumeConfiguration
{
    public required string FileSystemId { get; init; }

    public required string RootDirectory { get; init; }

    public required FsxWindowsFileServerAuthorizationConfig AuthorizationConfig { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record EfsVolumeConfiguration
{
    public required string FileSystemId { get; init; }

    public string? RootDirectory { get; init; }

    public EfsTransitEncryption? TransitEncryption { get; init; }

    public int? TransitEncryptionPort { get; init; }

    public EfsAuthorizationConfig? AuthorizationConfig { get; init; }
}

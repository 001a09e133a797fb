using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record FsxWindowsFileServerAuthorizationConfig
{
    public required string CredentialsParameter { get; init; }

    public required string Domain { get; init; }
}

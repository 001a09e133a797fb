using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ServiceConnectTlsConfiguration
{
    public required ServiceConnectTlsCertificateAuthority IssuerCertificateAuthority { get; init; }

    public string? KmsKey { get; init; }

    public string? RoleArn { get; init; }
}

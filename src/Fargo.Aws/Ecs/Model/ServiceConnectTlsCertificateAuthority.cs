using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ServiceConnectTlsCertificateAuthority
{
    public string? AwsPcaAuthorityArn { get; init; }
}

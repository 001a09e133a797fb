using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record AuthorizationData
{
    public string? AuthorizationToken { get; init; }

    public DateTimeOffset? ExpiresAt { get; init; }

    public string? ProxyEndpoint { get; init; }
}

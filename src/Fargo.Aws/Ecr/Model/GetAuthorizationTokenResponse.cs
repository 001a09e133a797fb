using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record GetAuthorizationTokenResponse
{
    public IReadOnlyList<AuthorizationData>? AuthorizationData { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record GetAuthorizationTokenRequest
{
    public IReadOnlyList<string>? RegistryIds { get; init; }
}

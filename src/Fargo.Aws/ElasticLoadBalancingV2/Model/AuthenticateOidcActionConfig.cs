using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record AuthenticateOidcActionConfig
{
    public required string Issuer { get; init; }

    public required string AuthorizationEndpoint { get; init; }

    public required string TokenEndpoint { get; init; }

    public required string UserInfoEndpoint { get; init; }

    public required string ClientId { get; init; }

    public string? ClientSecret { get; init; }

    public string? SessionCookieName { get; init; }

    public string? Scope { get; init; }

    public long? SessionTimeout { get; init; }

    public IReadOnlyDictionary<string, string>? AuthenticationRequestExtraParams { get; init; }

    public AuthenticateOidcActionConditionalBehavior? OnUnauthenticatedRequest { get; init; }

    public bool? UseExistingClientSecret { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record AuthenticateCognitoActionConfig
{
    public required string UserPoolArn { get; init; }

    public required string UserPoolClientId { get; init; }

    public required string UserPoolDomain { get; init; }

    public string? SessionCookieName { get; init; }

    public string? Scope { get; init; }

    public long? SessionTimeout { get; init; }

    public IReadOnlyDictionary<string, string>? AuthenticationRequestExtraParams { get; init; }

    public AuthenticateCognitoActionConditionalBehavior? OnUnauthenticatedRequest { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record ListenerAction
{
    public required ActionType Type { get; init; }

    public string? TargetGroupArn { get; init; }

    public AuthenticateOidcActionConfig? AuthenticateOidcConfig { get; init; }

    public AuthenticateCognitoActionConfig? AuthenticateCognitoConfig { get; init; }

    public int? Order { get; init; }

    public RedirectActionConfig? RedirectConfig { get; init; }

    public FixedResponseActionConfig? FixedResponseConfig { get; init; }

    public ForwardActionConfig? ForwardConfig { get; init; }
}

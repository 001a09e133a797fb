using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record EfsAuthorizationConfig
{
    public string? AccessPointId { get; init; }

    public EfsAuthorizationConfigIam? Iam { get; init; }
}

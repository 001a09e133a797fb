using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record TimeoutConfiguration
{
    public int? IdleTimeoutSeconds { get; init; }

    public int? PerRequestTimeoutSeconds { get; init; }
}

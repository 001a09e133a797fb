using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DeploymentCircuitBreaker
{
    public required bool Enable { get; init; }

    public required bool Rollback { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DeploymentAlarms
{
    public required IReadOnlyList<string> AlarmNames { get; init; }

    public required bool Enable { get; init; }

    public required bool Rollback { get; init; }
}

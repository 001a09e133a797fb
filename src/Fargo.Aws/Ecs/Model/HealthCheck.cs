using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record HealthCheck
{
    public required IReadOnlyList<string> Command { get; init; }

    public int? Interval { get; init; }

    public int? Timeout { get; init; }

    public int? Retries { get; init; }

    public int? StartPeriod { get; init; }
}

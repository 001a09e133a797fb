using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ContainerRestartPolicy
{
    public required bool Enabled { get; init; }

    public IReadOnlyList<int>? IgnoredExitCodes { get; init; }

    public int? RestartAttemptPeriod { get; init; }
}

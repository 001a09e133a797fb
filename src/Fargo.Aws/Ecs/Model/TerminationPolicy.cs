using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record TerminationPolicy
{
    public required bool DeleteOnTermination { get; init; }
}

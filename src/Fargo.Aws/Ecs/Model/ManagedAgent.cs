using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ManagedAgent
{
    public DateTimeOffset? LastStartedAt { get; init; }

    public ManagedAgentName? Name { get; init; }

    public string? Reason { get; init; }

    public string? LastStatus { get; init; }
}

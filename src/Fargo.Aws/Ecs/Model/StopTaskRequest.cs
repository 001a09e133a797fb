using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record StopTaskRequest
{
    public string? Cluster { get; init; }

    public required string Task { get; init; }

    public string? Reason { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DeleteServiceRequest
{
    public string? Cluster { get; init; }

    public required string Service { get; init; }

    public bool? Force { get; init; }
}

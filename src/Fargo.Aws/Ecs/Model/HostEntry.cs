using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record HostEntry
{
    public required string Hostname { get; init; }

    public required string IpAddress { get; init; }
}

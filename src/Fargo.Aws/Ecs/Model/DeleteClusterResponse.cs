using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DeleteClusterResponse
{
    public Cluster? Cluster { get; init; }
}

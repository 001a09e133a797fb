using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record CreateClusterResponse
{
    public Cluster? Cluster { get; init; }
}

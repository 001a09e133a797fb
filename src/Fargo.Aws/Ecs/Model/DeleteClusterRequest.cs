using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record DeleteClusterRequest
{
    public required string Cluster { get; init; }
}

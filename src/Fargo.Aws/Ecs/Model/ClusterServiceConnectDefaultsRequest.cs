using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ClusterServiceConnectDefaultsRequest
{
    public required string Namespace { get; init; }
}

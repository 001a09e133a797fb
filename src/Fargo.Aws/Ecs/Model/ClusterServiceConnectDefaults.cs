using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ClusterServiceConnectDefaults
{
    public string? Namespace { get; init; }
}

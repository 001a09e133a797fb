using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record UpdateClusterSettingsResponse
{
    public Cluster? Cluster { get; init; }
}

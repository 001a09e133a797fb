using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record UpdateClusterSettingsRequest
{
    public required string Cluster { get; init; }

    public required IReadOnlyList<ClusterSetting> Settings { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record UpdateClusterRequest
{
    public required string Cluster { get; init; }

    public IReadOnlyList<ClusterSetting>? Settings { get; init; }

    public ClusterConfiguration? Configuration { get; init; }

    public ClusterServiceConnectDefaultsRequest? ServiceConnectDefaults { get; init; }
}

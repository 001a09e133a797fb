using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record CreateClusterRequest
{
    public string? ClusterName { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public IReadOnlyList<ClusterSetting>? Settings { get; init; }

    public ClusterConfiguration? Configuration { get; init; }

    public IReadOnlyList<string>? CapacityProviders { get; init; }

    public IReadOnlyList<CapacityProviderStrategyItem>? DefaultCapacityProviderStrategy { get; init; }

    public ClusterServiceConnectDefaultsRequest? ServiceConnectDefaults { get; init; }
}

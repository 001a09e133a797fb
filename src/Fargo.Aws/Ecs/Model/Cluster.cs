using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record Cluster
{
    public string? ClusterArn { get; init; }

    public string? ClusterName { get; init; }

    public ClusterConfiguration? Configuration { get; init; }

    public string? Status { get; init; }

    public int RegisteredContainerInstancesCount { get; init; }

    public int RunningTasksCount { get; init; }

    public int PendingTasksCount { get; init; }

    public int ActiveServicesCount { get; init; }

    public IReadOnlyList<KeyValuePair>? Statistics { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public IReadOnlyList<ClusterSetting>? Settings { get; init; }

    public IReadOnlyList<string>? CapacityProviders { get; init; }

    public IReadOnlyList<CapacityProviderStrategyItem>? DefaultCapacityProviderStrategy { get; init; }

    public IReadOnlyList<Attachment>? Attachments { get; init; }

    public string? AttachmentsStatus { get; init; }

    public ClusterServiceConnectDefaults? ServiceConnectDefaults { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ClusterConfiguration
{
    public ExecuteCommandConfiguration? ExecuteCommandConfiguration { get; init; }

    public ManagedStorageConfiguration? ManagedStorageConfiguration { get; init; }
}

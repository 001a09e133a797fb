using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ClusterSetting
{
    public ClusterSettingName? Name { get; init; }

    public string? Value { get; init; }
}

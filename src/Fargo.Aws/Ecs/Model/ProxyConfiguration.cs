using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ProxyConfiguration
{
    public ProxyConfigurationType? Type { get; init; }

    public required string ContainerName { get; init; }

    public IReadOnlyList<KeyValuePair>? Properties { get; init; }
}

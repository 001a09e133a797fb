using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ServiceRegistry
{
    public string? RegistryArn { get; init; }

    public int? Port { get; init; }

    public string? ContainerName { get; init; }

    public int? ContainerPort { get; init; }
}

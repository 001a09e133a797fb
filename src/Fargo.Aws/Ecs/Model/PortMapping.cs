using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record PortMapping
{
    public int? ContainerPort { get; init; }

    public int? HostPort { get; init; }

    public TransportProtocol? Protocol { get; init; }

    public string? Name { get; init; }

    public ApplicationProtocol? AppProtocol { get; init; }

    public string? ContainerPortRange { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record NetworkBinding
{
    public string? BindIP { get; init; }

    public int? ContainerPort { get; init; }

    public int? HostPort { get; init; }

    public TransportProtocol? Protocol { get; init; }

    public string? ContainerPortRange { get; init; }

    public string? HostPortRange { get; init; }
}

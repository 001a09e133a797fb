using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ServiceConnectService
{
    public required string PortName { get; init; }

    public string? DiscoveryName { get; init; }

    public IReadOnlyList<ServiceConnectClientAlias>? ClientAliases { get; init; }

    public int? IngressPortOverride { get; init; }

    public TimeoutConfiguration? Timeout { get; init; }

    public ServiceConnectTlsConfiguration? Tls { get; init; }
}

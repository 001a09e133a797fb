namespace Fargo.Local.ServiceDiscovery;

/// <summary>A Cloud Map private DNS namespace (ns-…), such as local.fargo.internal.</summary>
internal sealed record NamespaceRecord(string Id, string Arn, string Name, string? Vpc, string? Description);

/// <summary>
/// A Cloud Map service (srv-…) of a namespace: its DNS name is Name.NamespaceName. Locally that name answers at
/// <see cref="Address"/>, a loopback address of its own on which the service's endpoint forwards to its instances.
/// </summary>
internal sealed record DiscoveryServiceRecord(string Id, string Arn, string Name, string NamespaceId, string NamespaceName, string Address)
{
    /// <summary>The registered instances, by instance id (ECS registers each task under its task id).</summary>
    public IReadOnlyDictionary<string, DiscoveredInstance> Instances { get; init; } = new Dictionary<string, DiscoveredInstance>(StringComparer.Ordinal);

    public string DnsName => $"{Name}.{NamespaceName}";
}

/// <summary>
/// One registered instance: ECS's AWS_INSTANCE_IPV4, and locally, where every task shares 127.0.0.1, the host port
/// its container port is bound to (<see cref="Port"/>, registered as AWS_INSTANCE_PORT) besides the container port
/// callers name (<see cref="ContainerPort"/>).
/// </summary>
internal sealed record DiscoveredInstance(string Id, string Ipv4, int Port, int ContainerPort);

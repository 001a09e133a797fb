using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record LoadBalancerAddress
{
    public string? IpAddress { get; init; }

    public string? AllocationId { get; init; }

    public string? PrivateIPv4Address { get; init; }

    public string? IPv6Address { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record SubnetMapping
{
    public string? SubnetId { get; init; }

    public string? AllocationId { get; init; }

    public string? PrivateIPv4Address { get; init; }

    public string? IPv6Address { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record LoadBalancer
{
    public string? LoadBalancerArn { get; init; }

    public string? DNSName { get; init; }

    public string? CanonicalHostedZoneId { get; init; }

    public DateTimeOffset? CreatedTime { get; init; }

    public string? LoadBalancerName { get; init; }

    public LoadBalancerScheme? Scheme { get; init; }

    public string? VpcId { get; init; }

    public LoadBalancerState? State { get; init; }

    public LoadBalancerType? Type { get; init; }

    public IReadOnlyList<AvailabilityZone>? AvailabilityZones { get; init; }

    public IReadOnlyList<string>? SecurityGroups { get; init; }

    public IpAddressType? IpAddressType { get; init; }

    public string? CustomerOwnedIpv4Pool { get; init; }

    public string? EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic { get; init; }
}

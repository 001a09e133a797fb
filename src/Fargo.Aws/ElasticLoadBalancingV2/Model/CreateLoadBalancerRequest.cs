using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record CreateLoadBalancerRequest
{
    public required string Name { get; init; }

    public IReadOnlyList<string>? Subnets { get; init; }

    public IReadOnlyList<SubnetMapping>? SubnetMappings { get; init; }

    public IReadOnlyList<string>? SecurityGroups { get; init; }

    public LoadBalancerScheme? Scheme { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public LoadBalancerType? Type { get; init; }

    public IpAddressType? IpAddressType { get; init; }

    public string? CustomerOwnedIpv4Pool { get; init; }
}

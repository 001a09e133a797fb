using Fargo.Aws.ElasticLoadBalancingV2;

namespace Fargo.Local.LoadBalancing.Wire;

// ELBv2's tagging and load balancer network operations, named and typed as in AWS's model
// (elasticloadbalancingv2-2015-12-01); ElbApiTests checks them against that model.

public sealed record AddTagsRequest
{
    public required IReadOnlyList<string> ResourceArns { get; init; }

    public required IReadOnlyList<Tag> Tags { get; init; }
}

public sealed record AddTagsResponse;

public sealed record RemoveTagsRequest
{
    public required IReadOnlyList<string> ResourceArns { get; init; }

    public required IReadOnlyList<string> TagKeys { get; init; }
}

public sealed record RemoveTagsResponse;

public sealed record DescribeTagsRequest
{
    public required IReadOnlyList<string> ResourceArns { get; init; }
}

public sealed record DescribeTagsResponse
{
    public IReadOnlyList<TagDescription>? TagDescriptions { get; init; }
}

public sealed record TagDescription
{
    public string? ResourceArn { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record SetSubnetsRequest
{
    public required string LoadBalancerArn { get; init; }

    public IReadOnlyList<string>? Subnets { get; init; }

    public IReadOnlyList<SubnetMapping>? SubnetMappings { get; init; }

    public IpAddressType? IpAddressType { get; init; }
}

public sealed record SetSubnetsResponse
{
    public IReadOnlyList<AvailabilityZone>? AvailabilityZones { get; init; }

    public IpAddressType? IpAddressType { get; init; }
}

public sealed record SetSecurityGroupsRequest
{
    public required string LoadBalancerArn { get; init; }

    public required IReadOnlyList<string> SecurityGroups { get; init; }

    public string? EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic { get; init; }
}

public sealed record SetSecurityGroupsResponse
{
    public IReadOnlyList<string>? SecurityGroupIds { get; init; }

    public string? EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic { get; init; }
}

public sealed record SetIpAddressTypeRequest
{
    public required string LoadBalancerArn { get; init; }

    public required IpAddressType IpAddressType { get; init; }
}

public sealed record SetIpAddressTypeResponse
{
    public IpAddressType? IpAddressType { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record TargetGroup
{
    public string? TargetGroupArn { get; init; }

    public string? TargetGroupName { get; init; }

    public ProtocolName? Protocol { get; init; }

    public int? Port { get; init; }

    public string? VpcId { get; init; }

    public ProtocolName? HealthCheckProtocol { get; init; }

    public string? HealthCheckPort { get; init; }

    public bool? HealthCheckEnabled { get; init; }

    public int? HealthCheckIntervalSeconds { get; init; }

    public int? HealthCheckTimeoutSeconds { get; init; }

    public int? HealthyThresholdCount { get; init; }

    public int? UnhealthyThresholdCount { get; init; }

    public string? HealthCheckPath { get; init; }

    public Matcher? Matcher { get; init; }

    public IReadOnlyList<string>? LoadBalancerArns { get; init; }

    public TargetType? TargetType { get; init; }

    public string? ProtocolVersion { get; init; }

    public TargetGroupIpAddressType? IpAddressType { get; init; }
}

using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.Wire;

namespace Fargo.Local.LoadBalancing.Model;

// What the local load balancer keeps across engine restarts. Target health is not here: like an ALB's,
// it is observed afresh (a target starts in "initial" after a restart); registrations and draining
// deadlines are kept.

public sealed class LoadBalancerRecord
{
    public required string Arn { get; init; }
    public required string Name { get; init; }
    public required string DnsName { get; init; }
    public required DateTimeOffset CreatedTime { get; init; }
    public required string Scheme { get; init; }
    public required string IpAddressType { get; set; }

    /// <summary>The loopback address its listeners are served on (<see cref="LocalListenerAddressing"/>); null only in state written before addresses existed.</summary>
    public string? Address { get; init; }

    public IReadOnlyList<string> Subnets { get; set; } = [];
    public IReadOnlyList<string> SecurityGroups { get; set; } = [];
    public IReadOnlyList<Tag> Tags { get; set; } = [];
    public Dictionary<string, string> Attributes { get; init; } = new(StringComparer.Ordinal);
}

public sealed class ListenerRecord
{
    public required string Arn { get; init; }
    public required string LoadBalancerArn { get; init; }
    public required int Port { get; set; }
    public required string Protocol { get; init; }
    public string? SslPolicy { get; init; }
    public IReadOnlyList<Certificate>? Certificates { get; init; }
    public IReadOnlyList<string>? AlpnPolicy { get; init; }
    public required IReadOnlyList<ListenerAction> DefaultActions { get; init; }
    public IReadOnlyList<Tag> Tags { get; set; } = [];
}

public sealed class RuleRecord
{
    public required string Arn { get; init; }
    public required string ListenerArn { get; init; }
    public required int Priority { get; init; }
    public required IReadOnlyList<RuleCondition> Conditions { get; init; }
    public required IReadOnlyList<ListenerAction> Actions { get; init; }
    public IReadOnlyList<Tag> Tags { get; set; } = [];
}

public sealed class TargetGroupRecord
{
    public required string Arn { get; init; }
    public required string Name { get; init; }
    public required string Protocol { get; init; }
    public required string ProtocolVersion { get; init; }
    public required int Port { get; init; }
    public string? VpcId { get; init; }
    public required string TargetType { get; init; }
    public required string IpAddressType { get; init; }
    public required HealthCheckRecord HealthCheck { get; init; }
    public Dictionary<string, string> Attributes { get; init; } = new(StringComparer.Ordinal);
    public IReadOnlyList<Tag> Tags { get; set; } = [];
}

public sealed record HealthCheckRecord
{
    public required string Protocol { get; init; }

    /// <summary>"traffic-port" or a port number.</summary>
    public required string Port { get; init; }

    public required string Path { get; init; }
    public required int IntervalSeconds { get; init; }
    public required int TimeoutSeconds { get; init; }
    public required int HealthyThresholdCount { get; init; }
    public required int UnhealthyThresholdCount { get; init; }
    public required string Matcher { get; init; }
}

/// <summary>A registered target; while draining, when deregistration began and when its delay runs out.</summary>
public sealed class TargetRecord
{
    public required string TargetGroupArn { get; init; }
    public required string Id { get; init; }
    public required int Port { get; init; }
    public required DateTimeOffset RegisteredAt { get; init; }
    public DateTimeOffset? DeregisteredAt { get; set; }
    public DateTimeOffset? DrainDeadline { get; set; }

    public string Key => KeyOf(TargetGroupArn, Id, Port);

    public static string KeyOf(string targetGroupArn, string id, int port) => $"{targetGroupArn}|{id}|{port}";
}

using Fargo.Aws.ElasticLoadBalancingV2;

namespace Fargo.Local.LoadBalancing.Wire;

// ModifyTargetGroup, ModifyListener and ModifyRule: members as in AWS's model (checked by ElbApiTests against
// node_modules/aws-sdk/apis/elasticloadbalancingv2-2015-12-01.min.json).

public sealed record ModifyTargetGroupRequest
{
    public required string TargetGroupArn { get; init; }

    public ProtocolName? HealthCheckProtocol { get; init; }

    public string? HealthCheckPort { get; init; }

    public string? HealthCheckPath { get; init; }

    public bool? HealthCheckEnabled { get; init; }

    public int? HealthCheckIntervalSeconds { get; init; }

    public int? HealthCheckTimeoutSeconds { get; init; }

    public int? HealthyThresholdCount { get; init; }

    public int? UnhealthyThresholdCount { get; init; }

    public Matcher? Matcher { get; init; }
}

public sealed record ModifyTargetGroupResponse
{
    public IReadOnlyList<TargetGroup>? TargetGroups { get; init; }
}

public sealed record ModifyListenerRequest
{
    public required string ListenerArn { get; init; }

    public int? Port { get; init; }

    public ProtocolName? Protocol { get; init; }

    public string? SslPolicy { get; init; }

    public IReadOnlyList<Certificate>? Certificates { get; init; }

    public IReadOnlyList<ListenerAction>? DefaultActions { get; init; }

    public IReadOnlyList<string>? AlpnPolicy { get; init; }

    public MutualAuthentication? MutualAuthentication { get; init; }
}

public sealed record ModifyListenerResponse
{
    public IReadOnlyList<Listener>? Listeners { get; init; }
}

public sealed record ModifyRuleRequest
{
    public required string RuleArn { get; init; }

    public IReadOnlyList<RuleCondition>? Conditions { get; init; }

    public IReadOnlyList<ListenerAction>? Actions { get; init; }
}

public sealed record ModifyRuleResponse
{
    public IReadOnlyList<Rule>? Rules { get; init; }
}

public sealed record SetRulePrioritiesRequest
{
    public required IReadOnlyList<RulePriorityPair> RulePriorities { get; init; }
}

public sealed record RulePriorityPair
{
    public string? RuleArn { get; init; }

    public int? Priority { get; init; }
}

public sealed record SetRulePrioritiesResponse
{
    public IReadOnlyList<Rule>? Rules { get; init; }
}

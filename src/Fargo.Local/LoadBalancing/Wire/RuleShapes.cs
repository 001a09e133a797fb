using Fargo.Aws.ElasticLoadBalancingV2;

namespace Fargo.Local.LoadBalancing.Wire;

// ELBv2 shapes that Fargo.Aws does not carry yet (listener rules, load balancer attributes), named and
// typed as in AWS's model (elasticloadbalancingv2-2015-12-01); a test checks them against that model.
// They belong in Fargo.Aws.ElasticLoadBalancingV2 once a client needs them.

public sealed record RuleCondition
{
    public string? Field { get; init; }

    public IReadOnlyList<string>? Values { get; init; }

    public HostHeaderConditionConfig? HostHeaderConfig { get; init; }

    public PathPatternConditionConfig? PathPatternConfig { get; init; }

    public HttpHeaderConditionConfig? HttpHeaderConfig { get; init; }

    public QueryStringConditionConfig? QueryStringConfig { get; init; }

    public HttpRequestMethodConditionConfig? HttpRequestMethodConfig { get; init; }

    public SourceIpConditionConfig? SourceIpConfig { get; init; }
}

public sealed record HostHeaderConditionConfig
{
    public IReadOnlyList<string>? Values { get; init; }
}

public sealed record PathPatternConditionConfig
{
    public IReadOnlyList<string>? Values { get; init; }
}

public sealed record HttpHeaderConditionConfig
{
    public string? HttpHeaderName { get; init; }

    public IReadOnlyList<string>? Values { get; init; }
}

public sealed record QueryStringConditionConfig
{
    public IReadOnlyList<QueryStringKeyValuePair>? Values { get; init; }
}

public sealed record QueryStringKeyValuePair
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}

public sealed record HttpRequestMethodConditionConfig
{
    public IReadOnlyList<string>? Values { get; init; }
}

public sealed record SourceIpConditionConfig
{
    public IReadOnlyList<string>? Values { get; init; }
}

public sealed record Rule
{
    public string? RuleArn { get; init; }

    /// <summary>A number as text, or "default" for the listener's default rule.</summary>
    public string? Priority { get; init; }

    public IReadOnlyList<RuleCondition>? Conditions { get; init; }

    public IReadOnlyList<ListenerAction>? Actions { get; init; }

    public bool? IsDefault { get; init; }
}

public sealed record CreateRuleRequest
{
    public required string ListenerArn { get; init; }

    public required IReadOnlyList<RuleCondition> Conditions { get; init; }

    public required int Priority { get; init; }

    public required IReadOnlyList<ListenerAction> Actions { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }
}

public sealed record CreateRuleResponse
{
    public IReadOnlyList<Rule>? Rules { get; init; }
}

public sealed record DescribeRulesRequest
{
    public string? ListenerArn { get; init; }

    public IReadOnlyList<string>? RuleArns { get; init; }

    public string? Marker { get; init; }

    public int? PageSize { get; init; }
}

public sealed record DescribeRulesResponse
{
    public IReadOnlyList<Rule>? Rules { get; init; }

    public string? NextMarker { get; init; }
}

public sealed record DeleteRuleRequest
{
    public required string RuleArn { get; init; }
}

public sealed record DeleteRuleResponse;

public sealed record LoadBalancerAttribute
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}

public sealed record DescribeLoadBalancerAttributesRequest
{
    public required string LoadBalancerArn { get; init; }
}

public sealed record DescribeLoadBalancerAttributesResponse
{
    public IReadOnlyList<LoadBalancerAttribute>? Attributes { get; init; }
}

public sealed record ModifyLoadBalancerAttributesRequest
{
    public required string LoadBalancerArn { get; init; }

    public required IReadOnlyList<LoadBalancerAttribute> Attributes { get; init; }
}

public sealed record ModifyLoadBalancerAttributesResponse
{
    public IReadOnlyList<LoadBalancerAttribute>? Attributes { get; init; }
}

using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.TargetGroups;
using Microsoft.AspNetCore.Http;

namespace Fargo.Local.LoadBalancing.Routing;

/// <summary>What a listener does with a request once its rule is found.</summary>
internal abstract record RouteAction;

internal sealed record ForwardRoute(IReadOnlyList<WeightedTargetGroup> Groups) : RouteAction
{
    private readonly int _totalWeight = Groups.Sum(g => g.Weight);

    /// <summary>The target group for one request: by weight, as ALB's weighted forward does.</summary>
    public TargetGroupRuntime? ChooseGroup()
    {
        if (Groups.Count == 1)
        {
            return Groups[0].Group;
        }

        if (_totalWeight == 0)
        {
            return null;
        }

#pragma warning disable CA5394 // Spreading load, not security: no need for a cryptographic generator.
        var ticket = Random.Shared.Next(_totalWeight);
#pragma warning restore CA5394
        foreach (var group in Groups)
        {
            ticket -= group.Weight;
            if (ticket < 0)
            {
                return group.Group;
            }
        }

        return Groups[^1].Group;
    }
}

internal sealed record WeightedTargetGroup(TargetGroupRuntime Group, int Weight);

internal sealed record RedirectRoute(RedirectActionConfig Config) : RouteAction;

internal sealed record FixedResponseRoute(int StatusCode, string? ContentType, string? Body) : RouteAction;

internal sealed record CompiledRule(int Priority, IReadOnlyList<IRuleCondition> Conditions, RouteAction Action)
{
    public bool Matches(HttpContext context)
    {
        foreach (var condition in Conditions)
        {
            if (!condition.Matches(context))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The listener's own settings the data plane needs (the load balancer's attributes, scaled).</summary>
internal sealed record ListenerSettings(int Port, bool Https, TimeSpan IdleTimeout, string XffMode, bool XffClientPort, TimeSpan ConnectTimeout);

/// <summary>A listener's rules in priority order and its default action; replaced whole on every change.</summary>
internal sealed record RouteTable(IReadOnlyList<CompiledRule> Rules, RouteAction DefaultAction, ListenerSettings Settings)
{
    public RouteAction Route(HttpContext context)
    {
        foreach (var rule in Rules)
        {
            if (rule.Matches(context))
            {
                return rule.Action;
            }
        }

        return DefaultAction;
    }
}

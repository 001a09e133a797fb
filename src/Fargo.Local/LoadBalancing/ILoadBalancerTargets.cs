using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.TargetGroups;

namespace Fargo.Local.LoadBalancing;

/// <summary>
/// What ECS services need from the load balancer: register a task's address as a target, ask whether it
/// is healthy, deregister it and learn when draining is over. None of these block (no I/O but a write to
/// state.db), so the scheduler may call them under its own lock.
/// </summary>
public interface ILoadBalancerTargets
{
    /// <summary>Registers targets (a target already registered keeps its state). Throws TargetGroupNotFound / InvalidTarget.</summary>
    void RegisterTargets(string targetGroupArn, IReadOnlyList<TargetEndpoint> targets);

    /// <summary>Begins deregistration (draining); targets that are not registered are skipped. Throws TargetGroupNotFound.</summary>
    void DeregisterTargets(string targetGroupArn, IReadOnlyList<TargetEndpoint> targets);

    /// <summary>The target's health as DescribeTargetHealth shows it (unused / Target.NotRegistered when it isn't registered).</summary>
    TargetHealth GetTargetHealth(string targetGroupArn, TargetEndpoint target);

    /// <summary>
    /// True once a target may be stopped: it is not registered (any more), or it is draining and either has no
    /// request in flight or its deregistration delay ran out. Never true for a registered, non-draining target.
    /// </summary>
    bool IsDeregistrationComplete(string targetGroupArn, TargetEndpoint target);
}

using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.Api;
using Fargo.Local.Ecs;
using Fargo.Local.LoadBalancing.TargetGroups;

namespace Fargo.Local.LoadBalancing.Ecs;

/// <summary>A task's target that failed its health checks: what ECS says about it and why it stops the task.</summary>
public sealed record UnhealthyTarget(string TargetGroupArn, int Port, string Description)
{
    /// <summary>ECS's service event, e.g. "(service S) (task ID) (port P) is unhealthy in (target-group T) due to (reason Health checks failed with these codes: [404])".</summary>
    public string EventMessage(string serviceName, string taskId) =>
        $"(service {serviceName}) (task {taskId}) (port {Port}) is unhealthy in (target-group {TargetGroupArn}) due to (reason {Description})";

    /// <summary>The stoppedReason ECS gives the task it replaces.</summary>
    public string StoppedReason => $"Task failed ELB health checks in (target-group {TargetGroupArn})";
}

/// <summary>
/// ECS services behind the local load balancer: a task's targets are 127.0.0.1 and the host ports its
/// containers' port mappings got (the container and port each of the service's loadBalancers names).
/// Implements the scheduler's <see cref="IServiceLoadBalancing"/>, and offers the fuller calls that also
/// give ECS's events and the failed-health-check verdict.
/// </summary>
internal sealed class EcsServiceLoadBalancing(ILoadBalancerTargets targets) : IServiceLoadBalancing
{
    private const string Loopback = "127.0.0.1";

    /// <summary>Registers the task's targets; one ECS event per target group ("(service S) registered 1 targets in (target-group ARN)").</summary>
    public IReadOnlyList<string> RegisterTask(ServiceRecord service, TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(service);
        var events = new List<string>();
        foreach (var (groupArn, endpoints) in TargetsOf(service, task))
        {
            try
            {
                targets.RegisterTargets(groupArn, endpoints);
                events.Add($"(service {service.Name}) registered {endpoints.Count} targets in (target-group {groupArn})");
            }
            catch (LocalServiceException e)
            {
                // The target group was deleted under the service: ECS reports it and the task never turns healthy.
                events.Add($"(service {service.Name}) failed to register targets in (target-group {groupArn}) due to (reason {e.Message})");
            }
        }

        return events;
    }

    /// <summary>
    /// Begins deregistering the task's targets (draining). Returns ECS's events — "(service S) deregistered 1 targets
    /// in (target-group ARN)" per group, then "(service S, taskSet ecs-svc/N) has begun draining connections on 1 tasks." —
    /// or none when nothing was registered or deregistration had begun already.
    /// </summary>
    public IReadOnlyList<string> BeginDeregistration(ServiceRecord service, TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(task);
        var events = new List<string>();
        foreach (var (groupArn, endpoints) in TargetsOf(service, task))
        {
            var registered = endpoints.Where(e => Health(groupArn, e) is { } health
                                                  && health.State != TargetHealthState.Draining
                                                  && !(health.State == TargetHealthState.Unused && health.Reason == TargetHealthReason.TargetNotRegistered)).ToList();
            if (registered.Count == 0)
            {
                continue;
            }

            targets.DeregisterTargets(groupArn, registered);
            events.Add($"(service {service.Name}) deregistered {registered.Count} targets in (target-group {groupArn})");
        }

        if (events.Count > 0)
        {
            events.Add(task.DeploymentId is { } deployment
                ? $"(service {service.Name}, taskSet {deployment}) has begun draining connections on 1 tasks."
                : $"(service {service.Name}) has begun draining connections on 1 tasks.");
        }

        return events;
    }

    /// <summary>True once every target of the task may stop: deregistered and drained (or never registered).</summary>
    public bool IsDrained(ServiceRecord service, TaskRecord task) =>
        TargetsOf(service, task).All(pair => pair.Endpoints.All(e => targets.IsDeregistrationComplete(pair.TargetGroupArn, e)));

    /// <summary>The first of the task's targets that is unhealthy (failed its health checks), or null.</summary>
    public UnhealthyTarget? FindUnhealthy(ServiceRecord service, TaskRecord task)
    {
        foreach (var (groupArn, endpoints) in TargetsOf(service, task))
        {
            foreach (var endpoint in endpoints)
            {
                if (Health(groupArn, endpoint) is { } health && health.State == TargetHealthState.Unhealthy)
                {
                    return new UnhealthyTarget(groupArn, endpoint.Port, health.Description ?? TargetHealthTexts.FailedHealthChecks);
                }
            }
        }

        return null;
    }

    // ---- IServiceLoadBalancing ----

    public string? Register(ServiceRecord service, TaskRecord task) =>
        RegisterTask(service, task) is { Count: > 0 } events ? string.Join(Environment.NewLine, events) : null;

    public bool? IsHealthy(ServiceRecord service, TaskRecord task)
    {
        var pairs = TargetsOf(service, task).ToList();
        if (pairs.Count == 0)
        {
            return (service.LoadBalancers ?? []).Any(b => b.TargetGroupArn is not null) ? false : null;
        }

        return pairs.All(pair => pair.Endpoints.All(e => Health(pair.TargetGroupArn, e)?.State == TargetHealthState.Healthy));
    }

    public (string EventMessage, string StoppedReason)? FailedHealthCheck(ServiceRecord service, TaskRecord task)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(task);
        return FindUnhealthy(service, task) is { } unhealthy ? (unhealthy.EventMessage(service.Name, task.Id), unhealthy.StoppedReason) : null;
    }

    /// <summary>Polled while the task is DEACTIVATING (deregistration begins here too if it had not yet).</summary>
    public bool Deregister(ServiceRecord service, TaskRecord task)
    {
        BeginDeregistration(service, task);
        return IsDrained(service, task);
    }

    /// <summary>A target's health; null when its target group no longer exists.</summary>
    private TargetHealth? Health(string targetGroupArn, TargetEndpoint endpoint)
    {
        try
        {
            return targets.GetTargetHealth(targetGroupArn, endpoint);
        }
        catch (LocalServiceException e) when (e.Code == "TargetGroupNotFound")
        {
            return null;
        }
    }

    /// <summary>The target group and the task's endpoints for each of the service's load balancers (target groups only).</summary>
    private static IEnumerable<(string TargetGroupArn, IReadOnlyList<TargetEndpoint> Endpoints)> TargetsOf(ServiceRecord service, TaskRecord task)
    {
        foreach (var balancer in service.LoadBalancers ?? [])
        {
            if (balancer.TargetGroupArn is not { } groupArn)
            {
                continue;
            }

            var endpoints = task.Containers
                .Where(c => c.Name == balancer.ContainerName)
                .SelectMany(c => c.NetworkBindings)
                .Where(b => b.ContainerPort == balancer.ContainerPort && b.HostPort is not null)
                .Select(b => new TargetEndpoint(b.BindIP ?? Loopback, b.HostPort!.Value))
                .ToList();
            if (endpoints.Count > 0)
            {
                yield return (groupArn, endpoints);
            }
        }
    }
}

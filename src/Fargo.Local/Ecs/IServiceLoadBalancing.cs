namespace Fargo.Local.Ecs;

/// <summary>
/// Where a load balancer plugs into the service scheduler (the local region's part 2): tasks of a service
/// with loadBalancers are registered as targets (127.0.0.1 and their host port) once RUNNING, count as
/// healthy only when their target is, and are deregistered (and drained) before they are stopped.
/// Called under the control plane's lock; implementations must not block.
/// </summary>
internal interface IServiceLoadBalancing
{
    /// <summary>A task of the service is RUNNING: register its targets. Returns the event to record, if any.</summary>
    string? Register(ServiceRecord service, TaskRecord task);

    /// <summary>Null when the service has no load balancer (the gate is open), else whether every target of the task is healthy.</summary>
    bool? IsHealthy(ServiceRecord service, TaskRecord task);

    /// <summary>The task is to stop: begin deregistering. Returns true once draining is over and the task may be stopped.</summary>
    bool Deregister(ServiceRecord service, TaskRecord task);
}

/// <summary>No load balancer: every gate is open.</summary>
internal sealed class NoLoadBalancing : IServiceLoadBalancing
{
    public string? Register(ServiceRecord service, TaskRecord task) => null;

    public bool? IsHealthy(ServiceRecord service, TaskRecord task) => null;

    public bool Deregister(ServiceRecord service, TaskRecord task) => true;
}

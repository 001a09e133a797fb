namespace Fargo.Local.Ecs;

/// <summary>
/// Where a load balancer plugs into the service scheduler (the local region's part 2): tasks of a service
/// with loadBalancers are registered as targets (127.0.0.1 and their host port) once RUNNING, count as
/// healthy only when their targets are, are replaced when their targets fail health checks, and are
/// deregistered (and drained) before they get SIGTERM. Called under the control plane's lock; must not block.
/// </summary>
internal interface IServiceLoadBalancing
{
    /// <summary>A task of the service is RUNNING: register its targets. Returns the event to record, if any.</summary>
    string? Register(ServiceRecord service, TaskRecord task);

    /// <summary>Null when the service has no load balancer (the gate is open), else whether every target of the task is healthy.</summary>
    bool? IsHealthy(ServiceRecord service, TaskRecord task);

    /// <summary>Polled while the task is DEACTIVATING: true once draining is over and the task may get SIGTERM.</summary>
    bool Deregister(ServiceRecord service, TaskRecord task);

    /// <summary>A task of the service is RUNNING: register its targets; the service events to record (ECS says one per target group).</summary>
    IReadOnlyList<string> RegisterTask(ServiceRecord service, TaskRecord task) =>
        Register(service, task) is { } message ? [message] : [];

    /// <summary>The task enters DEACTIVATING: start deregistering its targets; the service events to record.</summary>
    IReadOnlyList<string> BeginDeregistration(ServiceRecord service, TaskRecord task) => [];

    /// <summary>
    /// Null while the task's targets are fine (or there is no load balancer); else the service event and the
    /// stoppedReason of a task that failed its load balancer health checks, which the scheduler then replaces.
    /// </summary>
    (string EventMessage, string StoppedReason)? FailedHealthCheck(ServiceRecord service, TaskRecord task) => null;
}

/// <summary>No load balancer: every gate is open.</summary>
internal sealed class NoLoadBalancing : IServiceLoadBalancing
{
    public string? Register(ServiceRecord service, TaskRecord task) => null;

    public bool? IsHealthy(ServiceRecord service, TaskRecord task) => null;

    public bool Deregister(ServiceRecord service, TaskRecord task) => true;
}

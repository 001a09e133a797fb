using Fargo.Local.Ecs;

namespace Fargo.Local.ServiceDiscovery;

/// <summary>
/// ECS's side of Cloud Map: a task of a service with serviceRegistries is registered in each registry once RUNNING
/// (instance id = task id, AWS_INSTANCE_IPV4 = the task's address, and locally the host port its container port is
/// bound to), and deregistered when it begins to stop, before it gets SIGTERM, so callers stop reaching it first.
/// Wraps the load balancer's plug-in, which it leaves as it is.
/// </summary>
internal sealed class EcsServiceRegistration(IServiceLoadBalancing inner, CloudMapRegistry registry) : IServiceLoadBalancing
{
    public string? Register(ServiceRecord service, TaskRecord task) => inner.Register(service, task);

    public bool? IsHealthy(ServiceRecord service, TaskRecord task) => inner.IsHealthy(service, task);

    public bool Deregister(ServiceRecord service, TaskRecord task) => inner.Deregister(service, task);

    public IReadOnlyList<string> RegisterTask(ServiceRecord service, TaskRecord task)
    {
        foreach (var entry in service.ServiceRegistries ?? [])
        {
            if (entry.RegistryArn is not { } arn || registry.FindService(arn) is not { } discovered)
            {
                continue;
            }

            var container = entry.ContainerName is { } name ? task.Containers.Find(c => c.Name == name) : task.Containers.Find(c => c.NetworkBindings.Count > 0);
            var binding = container?.NetworkBindings.Find(b => entry.ContainerPort is not { } port || b.ContainerPort == port);
            if (binding is { HostPort: { } hostPort, ContainerPort: { } containerPort })
            {
                registry.RegisterInstance(discovered.Id, new DiscoveredInstance(task.Id, "127.0.0.1", hostPort, containerPort));
            }
        }

        return inner.RegisterTask(service, task);
    }

    public IReadOnlyList<string> BeginDeregistration(ServiceRecord service, TaskRecord task)
    {
        foreach (var entry in service.ServiceRegistries ?? [])
        {
            if (entry.RegistryArn is { } arn && registry.FindService(arn) is { } discovered)
            {
                registry.DeregisterInstance(discovered.Id, task.Id);
            }
        }

        return inner.BeginDeregistration(service, task);
    }

    public (string EventMessage, string StoppedReason)? FailedHealthCheck(ServiceRecord service, TaskRecord task) => inner.FailedHealthCheck(service, task);
}

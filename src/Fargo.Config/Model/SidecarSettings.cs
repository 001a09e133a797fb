namespace Fargo.Config.Model;

/// <summary>
/// A further container of the service's task ([containers.&lt;name&gt;]): a sidecar beside the service's own container,
/// sharing its task's network (awsvpc: one address, so each reaches the others on localhost and their ports), its
/// lifecycle, its log group and its roles. The stack and a deploy's task definition both render it from this record.
/// </summary>
/// <param name="Image">An image reference (nginx:1.27-alpine, an ECR URI); null = the service's own image, as deployed.
/// On the local region always null: the local image is the service's build output, and the sidecar runs its [local] command there.</param>
/// <param name="Port">The port it listens on; null = none.</param>
/// <param name="Essential">Its exit stops the task (ECS's essential).</param>
/// <param name="DependsOn">The containers that must reach a condition before it starts, in the order written.</param>
/// <param name="Environment">Its variables ([containers.&lt;name&gt;.env]).</param>
/// <param name="Secrets">Variable → parameter name or ARN ([containers.&lt;name&gt;.secrets]), resolved as the service's [secrets].</param>
/// <param name="HealthCheck">ECS's container health check; null = none.</param>
/// <param name="Cpu">CPU units reserved for it within the task; null = none.</param>
/// <param name="Memory">Its hard memory limit in MiB; null = the task's.</param>
/// <param name="Command">ECS's command (the entry point's arguments); null = the image's CMD. On the local region, the [local] command: the whole command line.</param>
public sealed record SidecarSettings(
    string Name,
    string? Image,
    int? Port,
    bool Essential,
    IReadOnlyList<ContainerDependency> DependsOn,
    IReadOnlyDictionary<string, string> Environment,
    IReadOnlyDictionary<string, string> Secrets,
    ContainerHealthCheck? HealthCheck,
    int? Cpu,
    int? Memory,
    IReadOnlyList<string>? Command)
{
    /// <summary>ECS's entryPoint, replacing the image's; null = the image's ENTRYPOINT (always null on the local region).</summary>
    public IReadOnlyList<string>? EntryPoint { get; init; }

    /// <summary>The load balancer sends the service's requests to this container's port instead of the service's own ([containers.&lt;name&gt;] target).</summary>
    public bool IsTarget { get; init; }

    /// <summary>One empty list, so that settings without sidecars compare equal.</summary>
    public static IReadOnlyList<SidecarSettings> None { get; } = [];
}

/// <summary>A container must reach <paramref name="Condition"/> before the one that depends on it starts (ECS's dependsOn).</summary>
public sealed record ContainerDependency(string Container, string Condition);

/// <summary>ECS's dependency conditions, as ECS and fargo.toml spell them.</summary>
public static class DependencyConditions
{
    /// <summary>The container has started.</summary>
    public const string Start = "START";

    /// <summary>The container has exited, with any exit code.</summary>
    public const string Complete = "COMPLETE";

    /// <summary>The container has exited with 0.</summary>
    public const string Success = "SUCCESS";

    /// <summary>The container's health check has passed.</summary>
    public const string Healthy = "HEALTHY";

    public static IReadOnlyList<string> All { get; } = [Start, Complete, Success, Healthy];
}

/// <summary>The container and port the load balancer sends the service's requests to: the service's own, or a sidecar with target = true.</summary>
public sealed record LoadBalancerTarget(string Container, int Port);

using Fargo.Aws.Ecs;

namespace Fargo.Local.Ecs;

// The control plane's own state, as kept in memory and written through to state.db. These carry what the
// wire shapes don't (process ids, capture files, health counters, the bookkeeping of the scheduler);
// EcsWireMapper turns them into ECS's shapes.

internal static class TaskStatuses
{
    public const string Provisioning = "PROVISIONING";
    public const string Pending = "PENDING";
    public const string Activating = "ACTIVATING";
    public const string Running = "RUNNING";
    public const string Deactivating = "DEACTIVATING";
    public const string Stopping = "STOPPING";
    public const string Deprovisioning = "DEPROVISIONING";
    public const string Stopped = "STOPPED";
}

internal sealed class TaskDefinitionRecord
{
    public required string Arn { get; init; }
    public required string Family { get; init; }
    public required int Revision { get; init; }
    public required string Status { get; set; }
    public required TaskDefinition Definition { get; set; }
    public IReadOnlyList<Tag>? Tags { get; set; }
}

internal sealed class ClusterRecord
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required string Status { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public IReadOnlyList<Tag>? Tags { get; set; }
    public IReadOnlyList<ClusterSetting>? Settings { get; set; }
    public ClusterConfiguration? Configuration { get; set; }
    public IReadOnlyList<string> CapacityProviders { get; set; } = [];
    public IReadOnlyList<CapacityProviderStrategyItem> DefaultCapacityProviderStrategy { get; set; } = [];
}

/// <summary>A capacity provider made by CreateCapacityProvider; Fargate's two are built in and never stored.</summary>
internal sealed class CapacityProviderRecord
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required string Status { get; set; }
    public required AutoScalingGroupProvider AutoScalingGroupProvider { get; set; }
    public string? UpdateStatus { get; set; }
    public IReadOnlyList<Tag>? Tags { get; set; }
}

internal sealed class ServiceEventRecord
{
    public required string Id { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required string Message { get; init; }
}

internal sealed class DeploymentRecord
{
    public required string Id { get; init; }
    public required string Status { get; set; }
    public required string TaskDefinitionArn { get; init; }
    public int DesiredCount { get; set; }
    public int PendingCount { get; set; }
    public int RunningCount { get; set; }

    /// <summary>The circuit breaker's counter: tasks of this deployment that failed since the last healthy one.</summary>
    public int FailedTasks { get; set; }

    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; set; }
    public required string RolloutState { get; set; }
    public required string RolloutStateReason { get; set; }
    public NetworkConfiguration? NetworkConfiguration { get; set; }

    /// <summary>Consecutive launch failures, for the launch backoff ECS applies to tasks that keep failing.</summary>
    public int ConsecutiveLaunchFailures { get; set; }

    public DateTimeOffset? NextLaunchAllowedAt { get; set; }
}

internal sealed class ServiceRecord
{
    public required string Arn { get; init; }
    public required string Name { get; init; }
    public required string ClusterArn { get; init; }
    public required string ClusterName { get; init; }
    public required string Status { get; set; }
    public required string TaskDefinitionArn { get; set; }
    public required int DesiredCount { get; set; }
    public required int MinimumHealthyPercent { get; set; }
    public required int MaximumPercent { get; set; }
    public DeploymentCircuitBreaker? CircuitBreaker { get; set; }
    public int HealthCheckGracePeriodSeconds { get; set; }
    public IReadOnlyList<LoadBalancer>? LoadBalancers { get; set; }

    /// <summary>The Cloud Map services each running task is registered in (ECS's serviceRegistries).</summary>
    public IReadOnlyList<ServiceRegistry>? ServiceRegistries { get; set; }
    public NetworkConfiguration? NetworkConfiguration { get; set; }
    public string LaunchType { get; set; } = "FARGATE";
    public string PlatformVersion { get; set; } = "LATEST";
    public bool EnableExecuteCommand { get; set; }
    public bool EnableEcsManagedTags { get; set; }
    public string? PropagateTags { get; set; }
    public IReadOnlyList<Tag>? Tags { get; set; }
    public required DateTimeOffset CreatedAt { get; init; }
    public List<DeploymentRecord> Deployments { get; set; } = [];

    /// <summary>Newest first, at most 100, as DescribeServices shows them.</summary>
    public List<ServiceEventRecord> Events { get; set; } = [];

    /// <summary>Whether the "reached a steady state" event has been said since the service last changed.</summary>
    public bool SteadyStateAnnounced { get; set; }

    /// <summary>Whether the "unable to stop or start tasks" event has been said for the current deadlock.</summary>
    public bool DeadlockAnnounced { get; set; }
}

internal sealed class ContainerRecord
{
    public required string Name { get; init; }
    public required string Arn { get; init; }
    public required string Image { get; init; }
    public string? ImageDigest { get; set; }
    public bool Essential { get; init; } = true;
    public string LastStatus { get; set; } = TaskStatuses.Pending;
    public int? ExitCode { get; set; }
    public string? Reason { get; set; }
    public string HealthStatus { get; set; } = "UNKNOWN";
    public bool HasHealthCheck { get; init; }
    public int? ProcessId { get; set; }
    public long? ProcessStartTicks { get; set; }
    public List<NetworkBinding> NetworkBindings { get; set; } = [];

    /// <summary>Consecutive failed health checks, and when the last check ran.</summary>
    public int HealthFailures { get; set; }

    public DateTimeOffset? LastHealthCheckAt { get; set; }
    public bool Exited { get; set; }

    /// <summary>When the task's stop sent this container SIGTERM (null: not yet; it waits while a container that depends on it runs).</summary>
    public DateTimeOffset? TerminatedAt { get; set; }

    /// <summary>When SIGKILL follows that SIGTERM: its stopTimeout later.</summary>
    public DateTimeOffset? KillAt { get; set; }
}

internal sealed class TaskRecord
{
    public required string Id { get; init; }
    public required string Arn { get; init; }
    public required string ClusterArn { get; init; }
    public required string TaskDefinitionArn { get; init; }
    public required string Group { get; init; }
    public string? StartedBy { get; init; }
    public string? ServiceName { get; init; }
    public string? DeploymentId { get; init; }
    public required string LastStatus { get; set; }
    public required string DesiredStatus { get; set; }
    public string HealthStatus { get; set; } = "UNKNOWN";
    public required DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset? PullStartedAt { get; set; }
    public DateTimeOffset? PullStoppedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? ConnectivityAt { get; set; }
    public DateTimeOffset? StoppingAt { get; set; }
    public DateTimeOffset? StoppedAt { get; set; }
    public DateTimeOffset? ExecutionStoppedAt { get; set; }

    public string? StopCode { get; set; }
    public string? StoppedReason { get; set; }
    public string? Cpu { get; init; }
    public string? Memory { get; init; }
    public TaskOverride? Overrides { get; init; }
    public IReadOnlyList<Tag>? Tags { get; set; }
    public required List<ContainerRecord> Containers { get; init; }
    public long Version { get; set; } = 1;
    public string LaunchType { get; init; } = "FARGATE";
    public required string AttachmentId { get; init; }

    /// <summary>When the task first counted as healthy for its deployment (null: not yet).</summary>
    public DateTimeOffset? HealthyAt { get; set; }

    /// <summary>Whether this task's failure was already counted against its deployment's circuit breaker.</summary>
    public bool FailureCounted { get; set; }

    public bool IsStopped => LastStatus == TaskStatuses.Stopped;

    /// <summary>Alive as the scheduler counts it: meant to run and not on its way out.</summary>
    public bool IsLive => DesiredStatus == "RUNNING" && !IsStopped;
}

using Fargo.Aws.Ecs;
using Fargo.Local.Runtime;

namespace Fargo.Local.Ecs;

// The task lifecycle: PROVISIONING → PENDING → ACTIVATING → RUNNING → DEACTIVATING → STOPPING →
// DEPROVISIONING → STOPPED, one step per tick, with desiredStatus STOPPED taking the shortest way out.
internal sealed partial class EcsControlPlane
{
    private static readonly TimeSpan StoppedTaskRetention = TimeSpan.FromHours(1);

    /// <summary>A new task of a task definition, PROVISIONING. Its processes start over the next ticks.</summary>
    private TaskRecord NewTask(
        ClusterRecord cluster,
        TaskDefinitionRecord definition,
        string group,
        string? startedBy,
        ServiceRecord? service,
        DeploymentRecord? deployment,
        TaskOverride? overrides,
        IReadOnlyList<Tag>? tags)
    {
        var id = EcsArns.NewTaskId();
        var task = new TaskRecord
        {
            Id = id,
            Arn = EcsArns.Task(cluster.Name, id),
            ClusterArn = cluster.Arn,
            TaskDefinitionArn = definition.Arn,
            Group = group,
            StartedBy = startedBy,
            ServiceName = service?.Name,
            DeploymentId = deployment?.Id,
            LastStatus = TaskStatuses.Provisioning,
            DesiredStatus = "RUNNING",
            CreatedAt = Now,
            Cpu = overrides?.Cpu ?? definition.Definition.Cpu,
            Memory = overrides?.Memory ?? definition.Definition.Memory,
            Overrides = overrides,
            Tags = tags,
            AttachmentId = Guid.NewGuid().ToString(),
            Containers = definition.Definition.ContainerDefinitions!.Select(c => new ContainerRecord
            {
                Name = c.Name!,
                Arn = EcsArns.Container(cluster.Name, id, Guid.NewGuid().ToString()),
                Image = c.Image!,
                Essential = c.Essential ?? true,
                HasHealthCheck = c.HealthCheck is not null,
            }).ToList(),
        };
        _store.Tasks[task.Id] = task;
        _store.Changed(task);
        return task;
    }

    private void AdvanceTask(TaskRecord task, DateTimeOffset now)
    {
        var service = task.ServiceName is null ? null : _store.Services.GetValueOrDefault(EcsArns.Service(EcsArns.NameOf(task.ClusterArn), task.ServiceName));
        foreach (var exited in _runtime.Observe(task))
        {
            _store.Changed(task);
            if (exited.Essential && task.DesiredStatus == "RUNNING")
            {
                SetStopped(task, "EssentialContainerExited", "Essential container in task exited", countFailure: true);
            }
        }

        UpdateTaskHealth(task);
        var before = task.LastStatus;
        var stopping = task.DesiredStatus == "STOPPED";
        switch (task.LastStatus)
        {
            case TaskStatuses.Provisioning:
                if (stopping)
                {
                    task.LastStatus = TaskStatuses.Deprovisioning;
                    break;
                }

                task.LastStatus = TaskStatuses.Pending;
                task.PullStartedAt = now;
                break;

            case TaskStatuses.Pending:
                if (stopping)
                {
                    task.LastStatus = TaskStatuses.Deprovisioning;
                    break;
                }

                if (_runtime.PullImages(task) is { } pullFailure)
                {
                    FailToStart(task, pullFailure, "CannotPullContainerError");
                    break;
                }

                task.PullStoppedAt = now;
                task.LastStatus = TaskStatuses.Activating;
                break;

            case TaskStatuses.Activating:
                if (stopping)
                {
                    // Containers started before the task was told to stop (others waited for them) stop as a running task's do.
                    if (_runtime.AllExited(task))
                    {
                        task.LastStatus = TaskStatuses.Deprovisioning;
                    }
                    else
                    {
                        task.LastStatus = TaskStatuses.Stopping;
                        task.StoppingAt = now;
                        StopContainers(task, now);
                    }

                    break;
                }

                var startFailure = !_runtime.IsPrepared(task)
                    ? _runtime.Start(task, _store.TaskDefinitions[task.TaskDefinitionArn].Definition)
                    : _runtime.StartReady(task);
                if (startFailure is not null)
                {
                    FailToStart(task, startFailure, startFailure.Split(':')[0]);
                    break;
                }

                // A container that waits for another (dependsOn) starts on a later tick: the task stays ACTIVATING until
                // every container has started, as ECS keeps it PENDING.
                if (!_runtime.AllStarted(task))
                {
                    break;
                }

                task.LastStatus = TaskStatuses.Running;
                task.StartedAt = now;
                task.ConnectivityAt = now;
                if (service is not null)
                {
                    foreach (var registered in _loadBalancing.RegisterTask(service, task))
                    {
                        AddEvent(service, registered);
                    }
                }

                break;

            case TaskStatuses.Running:
                if (stopping)
                {
                    BeginDeactivating(service, task);
                }

                break;

            case TaskStatuses.Deactivating:
                if (service is not null && !_loadBalancing.Deregister(service, task))
                {
                    break;
                }

                task.LastStatus = TaskStatuses.Stopping;
                task.StoppingAt = now;
                StopContainers(task, now);
                break;

            case TaskStatuses.Stopping:
                if (_runtime.AllExited(task))
                {
                    _runtime.Observe(task);
                    task.ExecutionStoppedAt = now;
                    task.LastStatus = TaskStatuses.Deprovisioning;
                }
                else
                {
                    StopContainers(task, now);
                }

                break;

            case TaskStatuses.Deprovisioning:
                Finish(task, now);
                break;
        }

        if (task.LastStatus != before)
        {
            task.Version++;
            _store.Changed(task);
            LogTaskStatus(_logger, task.Id, task.LastStatus);
        }
    }

    /// <summary>
    /// A running task that is to stop leaves its load balancers first: ECS says "deregistered N targets…" and "has begun
    /// draining connections…" before the task moves on to stopping.
    /// </summary>
    private void BeginDeactivating(ServiceRecord? service, TaskRecord task)
    {
        task.LastStatus = TaskStatuses.Deactivating;
        if (service is null)
        {
            return;
        }

        foreach (var draining in _loadBalancing.BeginDeregistration(service, task))
        {
            AddEvent(service, draining);
        }
    }

    /// <summary>The task could not start: it goes straight out, with ECS's stop code and reason.</summary>
    private void FailToStart(TaskRecord task, string reason, string containerReason)
    {
        SetStopped(task, "TaskFailedToStart", reason, countFailure: true);
        foreach (var container in task.Containers)
        {
            container.Reason ??= containerReason;
        }

        task.ExecutionStoppedAt = Now;
        task.LastStatus = TaskStatuses.Deprovisioning;
    }

    /// <summary>
    /// desiredStatus becomes STOPPED with ECS's stop code and reason (the first reason given sticks, as on
    /// ECS). A failure of a service task that never became healthy counts against its deployment's
    /// circuit breaker and launch backoff.
    /// </summary>
    private void SetStopped(TaskRecord task, string stopCode, string reason, bool countFailure)
    {
        if (task.DesiredStatus == "STOPPED")
        {
            return;
        }

        task.DesiredStatus = "STOPPED";
        task.StopCode = stopCode;
        task.StoppedReason = reason;
        task.Version++;
        _store.Changed(task);
        if (countFailure && task.HealthyAt is null)
        {
            CountFailure(task);
        }
    }

    private void CountFailure(TaskRecord task)
    {
        if (task.FailureCounted || task.ServiceName is null || task.DeploymentId is null)
        {
            return;
        }

        var service = _store.Services.GetValueOrDefault(EcsArns.Service(EcsArns.NameOf(task.ClusterArn), task.ServiceName));
        var deployment = service?.Deployments.Find(d => d.Id == task.DeploymentId);
        if (deployment is null)
        {
            return;
        }

        task.FailureCounted = true;
        deployment.FailedTasks++;
        deployment.UpdatedAt = Now;
        // ECS throttles a service whose tasks keep failing to start (PENDING to STOPPED); the wait doubles up to
        // 15 minutes. Tasks that reached RUNNING don't count: a crash loop is relaunched at once, as on ECS.
        if (task.StartedAt is null)
        {
            deployment.ConsecutiveLaunchFailures++;
            if (deployment.ConsecutiveLaunchFailures >= 3)
            {
                var seconds = Math.Min(15 * 60, 5 * Math.Pow(2, deployment.ConsecutiveLaunchFailures - 3));
                deployment.NextLaunchAllowedAt = Now + _options.ScaledSeconds(seconds);
            }

            if (deployment.ConsecutiveLaunchFailures == 3)
            {
                AddEvent(service!, $"(service {service!.Name}) is unable to consistently start tasks successfully.");
            }
        }

        _store.Changed(service!);
    }

    private void Finish(TaskRecord task, DateTimeOffset now)
    {
        _runtime.Release(task);
        foreach (var container in task.Containers)
        {
            container.LastStatus = TaskStatuses.Stopped;
            container.ProcessId = null;
        }

        task.LastStatus = TaskStatuses.Stopped;
        task.StoppedAt = now;
        task.ExecutionStoppedAt ??= now;
        task.Version++;
        _store.Changed(task);
    }

    private void UpdateTaskHealth(TaskRecord task)
    {
        var checkedEssentials = task.Containers.Where(c => c.Essential && c.HasHealthCheck).ToList();
        var health = checkedEssentials.Count == 0
            ? "UNKNOWN"
            : checkedEssentials.Exists(c => c.HealthStatus == "UNHEALTHY")
                ? "UNHEALTHY"
                : checkedEssentials.TrueForAll(c => c.HealthStatus == "HEALTHY") ? "HEALTHY" : "UNKNOWN";
        if (task.HealthStatus != health)
        {
            task.HealthStatus = health;
            _store.Changed(task);
        }
    }

    /// <summary>One step of a stopping task: its containers stop in the reverse of their start order, each within its stopTimeout.</summary>
    private void StopContainers(TaskRecord task, DateTimeOffset now)
    {
        var definition = _store.TaskDefinitions.GetValueOrDefault(task.TaskDefinitionArn)?.Definition;
        _runtime.StopInReverseOrder(task, definition, now, container => _options.ScaledSeconds(container?.StopTimeout ?? DefaultStopTimeoutSeconds));
    }

    /// <summary>ECS's stopTimeout when a container definition gives none.</summary>
    private const int DefaultStopTimeoutSeconds = 30;

    private void PurgeStoppedTasks(DateTimeOffset now)
    {
        foreach (var task in _store.Tasks.Values.Where(t => t.IsStopped && t.StoppedAt is { } at && now - at > StoppedTaskRetention).ToList())
        {
            _store.Forget(task);
        }
    }
}

namespace Fargo.Local.Ecs;

// The service scheduler: each tick, for each service, it counts healthy tasks, replaces unhealthy ones,
// applies the circuit breaker, starts tasks of the PRIMARY deployment within maximumPercent, stops
// tasks of older deployments within minimumHealthyPercent, and records the deployment's progress and
// events in ECS's words.
internal sealed partial class EcsControlPlane
{
    /// <summary>ECS's circuit breaker threshold: half the desired count, rounded up, at least 3 and at most 200.</summary>
    internal static int CircuitBreakerThreshold(int desiredCount) => Math.Clamp((int)Math.Ceiling(0.5 * desiredCount), 3, 200);

    private void Schedule(ServiceRecord service, DateTimeOffset now)
    {
        var desired = service.Status == "DRAINING" ? 0 : service.DesiredCount;
        var primary = service.Deployments[0];
        var tasks = TasksOf(service).ToList();

        // Healthy bookkeeping: a task that counts as healthy resets its deployment's failure count.
        foreach (var task in tasks.Where(t => t.IsLive && t.HealthyAt is null && CountsHealthy(service, t, now)))
        {
            task.HealthyAt = now;
            _store.Changed(task);
            if (service.Deployments.Find(d => d.Id == task.DeploymentId) is { } deployment)
            {
                deployment.FailedTasks = 0;
                deployment.ConsecutiveLaunchFailures = 0;
                deployment.NextLaunchAllowedAt = null;
                _store.Changed(service);
            }
        }

        // Tasks whose container health check failed (after the grace period) are replaced.
        var grace = _options.ScaledSeconds(service.HealthCheckGracePeriodSeconds);
        var replacedUnhealthy = 0;
        foreach (var task in tasks.Where(t => t.IsLive && t.LastStatus == TaskStatuses.Running && t.HealthStatus == "UNHEALTHY"
                                              && t.StartedAt is { } started && now >= started + grace))
        {
            AddEvent(service, $"(service {service.Name}) (task {task.Id}) failed container health checks.");
            SetStopped(task, "ServiceSchedulerInitiated", "Task failed container health checks", countFailure: false);
            CountFailure(task);
            replacedUnhealthy++;
        }

        // Tasks whose load balancer targets failed their health checks (after the grace period) too.
        foreach (var task in tasks.Where(t => t.IsLive && t.LastStatus == TaskStatuses.Running
                                              && t.StartedAt is { } started && now >= started + grace))
        {
            if (_loadBalancing.FailedHealthCheck(service, task) is { } failed)
            {
                AddEvent(service, failed.EventMessage);
                SetStopped(task, "ServiceSchedulerInitiated", failed.StoppedReason, countFailure: false);
                CountFailure(task);
                replacedUnhealthy++;
            }
        }

        ApplyCircuitBreaker(service, desired);
        primary = service.Deployments[0];

        var live = tasks.Where(t => t.IsLive).ToList();
        var primaryLive = live.Where(t => t.DeploymentId == primary.Id).ToList();
        var oldLive = live.Where(t => t.DeploymentId != primary.Id).ToList();
        var maxTotal = (int)Math.Floor(desired * service.MaximumPercent / 100.0);
        var minHealthy = (int)Math.Ceiling(desired * service.MinimumHealthyPercent / 100.0);

        // Start tasks of the PRIMARY deployment, as many as are missing and maximumPercent allows.
        var wanted = desired - primaryLive.Count;
        var room = maxTotal - live.Count;
        var started = new List<TaskRecord>();
        var launchesAllowed = primary.RolloutState != "FAILED" && (primary.NextLaunchAllowedAt is null || now >= primary.NextLaunchAllowedAt);
        if (wanted > 0 && room > 0 && launchesAllowed && _store.TaskDefinitions.TryGetValue(primary.TaskDefinitionArn, out var definition))
        {
            var cluster = _store.Clusters[service.ClusterName];
            for (var i = 0; i < Math.Min(wanted, room); i++)
            {
                started.Add(NewTask(cluster, definition, "service:" + service.Name, primary.Id, service, primary, null, PropagatedTags(service, definition)));
            }

            var message = $"(service {service.Name}) has started {started.Count} tasks: {string.Join(' ', started.Select(t => $"(task {t.Id})"))}.";
            if (replacedUnhealthy > 0)
            {
                message += $" Amazon ECS replaced {replacedUnhealthy} tasks due to an unhealthy status.";
            }

            AddEvent(service, message);
        }

        // Stop what is no longer wanted: tasks of older deployments, and PRIMARY tasks above the desired
        // count. Tasks that don't count as healthy go first; healthy ones only while minimumHealthyPercent holds.
        var stopped = new List<TaskRecord>();
        if (primary.RolloutState != "FAILED")
        {
            var healthy = live.Count(t => t.HealthyAt is not null);
            var surplus = primaryLive
                .OrderBy(t => t.HealthyAt is null ? 0 : 1)
                .ThenByDescending(t => t.CreatedAt)
                .Take(Math.Max(0, primaryLive.Count - desired))
                .ToList();
            foreach (var task in surplus)
            {
                healthy -= task.HealthyAt is null ? 0 : 1;
                stopped.Add(task);
            }

            foreach (var task in oldLive.OrderBy(t => t.HealthyAt is null ? 0 : 1).ThenByDescending(t => t.CreatedAt))
            {
                if (task.HealthyAt is null)
                {
                    stopped.Add(task);
                }
                else if (healthy - 1 >= minHealthy)
                {
                    healthy--;
                    stopped.Add(task);
                }
            }

            foreach (var task in stopped)
            {
                SetStopped(task, "ServiceSchedulerInitiated", $"Scaling activity initiated by (deployment {primary.Id})", countFailure: false);
                // ECS's order: the targets are deregistered and drain, then the tasks are said to be stopped.
                if (task.LastStatus == TaskStatuses.Running)
                {
                    BeginDeactivating(service, task);
                    LogTaskStatus(_logger, task.Id, task.LastStatus);
                }
            }

            if (stopped.Count > 0)
            {
                AddEvent(service, $"(service {service.Name}) has stopped {stopped.Count} running tasks: {string.Join(' ', stopped.Select(t => $"(task {t.Id})"))}.");
            }
        }

        // Neither starting nor stopping is possible, and nothing is on its way: say so, once.
        var inTransit = tasks.Exists(t => !t.IsStopped && (t.LastStatus != TaskStatuses.Running || t.DesiredStatus != "RUNNING"));
        if (wanted > 0 && room <= 0 && stopped.Count == 0 && started.Count == 0 && !inTransit && primary.RolloutState != "FAILED")
        {
            if (!service.DeadlockAnnounced)
            {
                service.DeadlockAnnounced = true;
                AddEvent(service, $"(service {service.Name}) is unable to stop or start tasks during a deployment because of the configured deployment configuration. Update the minimumHealthyPercent or maximumPercent value and try again.");
            }
        }
        else if (started.Count > 0 || stopped.Count > 0)
        {
            service.DeadlockAnnounced = false;
        }

        UpdateDeploymentCounts(service, tasks, desired, now);
        CompleteDeployment(service, tasks, desired);
    }

    /// <summary>Whether ECS would count this task as healthy for its deployment now.</summary>
    private bool CountsHealthy(ServiceRecord service, TaskRecord task, DateTimeOffset now)
    {
        if (task.LastStatus != TaskStatuses.Running || task.DesiredStatus != "RUNNING" || task.StartedAt is not { } startedAt)
        {
            return false;
        }

        var targetHealthy = _loadBalancing.IsHealthy(service, task);
        if (targetHealthy == false)
        {
            return false;
        }

        if (task.Containers.Exists(c => c.Essential && c.HasHealthCheck))
        {
            return task.HealthStatus == "HEALTHY";
        }

        // Without a load balancer or a health check, ECS waits a while after RUNNING before it trusts a task.
        return targetHealthy == true || now - startedAt >= _options.Scaled(_options.UncheckedTaskStabilization);
    }

    private void ApplyCircuitBreaker(ServiceRecord service, int desired)
    {
        var primary = service.Deployments[0];
        if (service.CircuitBreaker is not { Enable: true } breaker
            || primary.RolloutState != "IN_PROGRESS"
            || primary.FailedTasks < CircuitBreakerThreshold(desired))
        {
            return;
        }

        primary.RolloutState = "FAILED";
        primary.RolloutStateReason = "ECS deployment circuit breaker: tasks failed to start.";
        primary.UpdatedAt = Now;
        AddEvent(service, $"(service {service.Name}) (deployment {primary.Id}) deployment failed: tasks failed to start.");
        if (!breaker.Rollback)
        {
            return;
        }

        var target = service.Deployments
            .Where(d => d != primary && d.RolloutState == "COMPLETED")
            .MaxBy(d => d.CreatedAt);
        if (target is null)
        {
            // Nothing to roll back to: the failed deployment stays PRIMARY and launches nothing more.
            return;
        }

        primary.Status = "ACTIVE";
        target.Status = "PRIMARY";
        target.RolloutState = "IN_PROGRESS";
        target.RolloutStateReason = $"ECS deployment circuit breaker: rolling back to deploymentId {target.Id}.";
        target.FailedTasks = 0;
        target.ConsecutiveLaunchFailures = 0;
        target.NextLaunchAllowedAt = null;
        target.UpdatedAt = Now;
        service.Deployments.Remove(target);
        service.Deployments.Insert(0, target);
        service.TaskDefinitionArn = target.TaskDefinitionArn;
        service.SteadyStateAnnounced = false;
        AddEvent(service, $"(service {service.Name}) rolling back to deployment {target.Id}.");
    }

    private void UpdateDeploymentCounts(ServiceRecord service, List<TaskRecord> tasks, int desired, DateTimeOffset now)
    {
        foreach (var deployment in service.Deployments)
        {
            var mine = tasks.Where(t => t.DeploymentId == deployment.Id && t.IsLive).ToList();
            var running = mine.Count(t => t.LastStatus == TaskStatuses.Running);
            var pending = mine.Count - running;
            var target = deployment.Status == "PRIMARY" ? desired : 0;
            if (deployment.RunningCount != running || deployment.PendingCount != pending || deployment.DesiredCount != target)
            {
                deployment.RunningCount = running;
                deployment.PendingCount = pending;
                deployment.DesiredCount = target;
                deployment.UpdatedAt = now;
                _store.Changed(service);
            }
        }
    }

    private void CompleteDeployment(ServiceRecord service, List<TaskRecord> tasks, int desired)
    {
        var primary = service.Deployments[0];
        var primaryLive = tasks.Where(t => t.IsLive && t.DeploymentId == primary.Id).ToList();
        var othersPresent = tasks.Exists(t => !t.IsStopped && t.DeploymentId != primary.Id);
        var settled = primaryLive.Count == desired
                      && primaryLive.TrueForAll(t => t.HealthyAt is not null)
                      && !othersPresent
                      && !tasks.Exists(t => !t.IsStopped && !t.IsLive);

        if (primary.RolloutState == "IN_PROGRESS" && settled)
        {
            primary.RolloutState = "COMPLETED";
            primary.RolloutStateReason = $"ECS deployment {primary.Id} completed.";
            primary.UpdatedAt = Now;
            AddEvent(service, $"(service {service.Name}) (deployment {primary.Id}) deployment completed.");
            service.Deployments.RemoveAll(d => d != primary);
        }

        if (service.Status == "DRAINING" && !tasks.Exists(t => !t.IsStopped))
        {
            service.Status = "INACTIVE";
            _store.Changed(service);
            return;
        }

        var steady = settled && service.Deployments.Count == 1 && primary.RolloutState == "COMPLETED";
        if (steady && !service.SteadyStateAnnounced)
        {
            service.SteadyStateAnnounced = true;
            AddEvent(service, $"(service {service.Name}) has reached a steady state.");
        }
        else if (!steady && service.SteadyStateAnnounced)
        {
            service.SteadyStateAnnounced = false;
            _store.Changed(service);
        }
    }

    private static IReadOnlyList<Fargo.Aws.Ecs.Tag>? PropagatedTags(ServiceRecord service, TaskDefinitionRecord definition) =>
        service.PropagateTags switch
        {
            "SERVICE" => service.Tags,
            "TASK_DEFINITION" => definition.Tags,
            _ => null,
        };
}

using System.Collections.Immutable;
using System.Text.RegularExpressions;
using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;

namespace Fargo.Deploy.Watching;

/// <summary>
/// Decides, from one look at a service, how a rollout stands. Pure: the same state and snapshot always give the same
/// next state, so every decision can be tested on recorded ECS responses.
/// <para>
/// Success only when the PRIMARY deployment is the watched revision, its rolloutState is COMPLETED and the service
/// runs as many tasks as it wants. A circuit-breaker rollback, a FAILED rollout, a timeout, a replacement by another
/// deployment or a vanished service is a failure, and the verdict carries why: the new tasks' stop reasons grouped,
/// and the failing health checks.
/// </para>
/// </summary>
public static partial class RolloutJudge
{
    private static readonly TimeSpan EventClockSkew = TimeSpan.FromSeconds(5);

    private static readonly string[] StartedStatuses = ["PENDING", "ACTIVATING", "RUNNING"];

    /// <summary>The state before the first look.</summary>
    public static RolloutState Start(RolloutGoal goal)
    {
        ArgumentNullException.ThrowIfNull(goal);
        return new RolloutState
        {
            Goal = goal,
            DeploymentId = goal.DeploymentId,
            Timeline = RolloutTimeline.Empty.Reach(RolloutPhase.Registered, goal.StartedAt),
        };
    }

    /// <summary>The state after looking at <paramref name="snapshot"/>.</summary>
    public static RolloutState Observe(RolloutState state, ServiceSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(snapshot);
        if (state.Verdict.IsFinal)
        {
            return state;
        }

        var goal = state.Goal;
        var service = snapshot.Service;
        if (service is null || !string.Equals(service.Status, "ACTIVE", StringComparison.Ordinal))
        {
            var status = service?.Status ?? "MISSING";
            return state with
            {
                ObservedAt = snapshot.At,
                ServiceStatus = status,
                Verdict = new RolloutVerdict(RolloutOutcome.ServiceUnavailable, $"the service is {status}: {(service is null ? "it does not exist (any more)" : "it is being deleted")}", [], []),
            };
        }

        var deployments = service.Deployments ?? [];
        var watched = FindWatched(deployments, state.DeploymentId, goal.TaskDefinitionArn);
        var deploymentId = watched?.Id ?? state.DeploymentId;
        var events = NewEvents(state, service.Events ?? []);
        // Tasks that stopped before this rollout began (ECS keeps them listed for an hour) are not part of it.
        var since = goal.StartedAt - EventClockSkew;
        var tasks = snapshot.Tasks
            .Where(t => t.DesiredStatus != "STOPPED" || (t.StoppingAt ?? t.StoppedAt ?? t.ExecutionStoppedAt ?? DateTimeOffset.MaxValue) >= since)
            .ToList();
        bool IsNew(EcsTask task) => deploymentId is not null && task.StartedBy is not null
            ? task.StartedBy == deploymentId
            : task.TaskDefinitionArn == goal.TaskDefinitionArn;

        var targetsByTask = MatchTargets(tasks, snapshot.Targets);
        var stopped = RecordStopped(state.StoppedTasks, tasks.Where(IsNew));
        var hasLoadBalancer = service.LoadBalancers is { Count: > 0 };

        var next = state with
        {
            DeploymentId = deploymentId,
            ObservedAt = snapshot.At,
            ServiceStatus = service.Status,
            DesiredCount = service.DesiredCount,
            RunningCount = service.RunningCount,
            PendingCount = service.PendingCount,
            Deployments = [.. deployments.Select(d => ToView(d, d.Id == deploymentId))],
            Tasks = [.. tasks
                .OrderBy(t => IsNew(t) ? 1 : 0)
                .ThenBy(t => t.CreatedAt)
                .Select(t => ToView(t, IsNew(t), targetsByTask.GetValueOrDefault(t.TaskArn ?? "")))],
            Targets = [.. snapshot.Targets.Select(t => ToView(t, TaskOfTarget(t, targetsByTask)))],
            Events = events,
            StoppedTasks = stopped,
            HasLoadBalancer = hasLoadBalancer,
            Notice = null,
        };

        next = next with { Timeline = Advance(next.Timeline, snapshot, watched, tasks, IsNew, targetsByTask, hasLoadBalancer) };
        var verdict = Judge(next, service, watched, snapshot.At);
        if (verdict.Outcome == RolloutOutcome.Succeeded)
        {
            next = next with { Timeline = next.Timeline.Reach(RolloutPhase.Steady, snapshot.At) };
        }

        return next with { Verdict = verdict };
    }

    /// <summary>The rollout ran out of time without a look that said so (e.g. every look was throttled).</summary>
    public static RolloutState Expire(RolloutState state, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.Verdict.IsFinal || now - state.Goal.StartedAt < state.Goal.Timeout)
        {
            return state;
        }

        return state with { Verdict = Failure(state, RolloutOutcome.TimedOut, TimedOutSummary(state)) };
    }

    private static RolloutVerdict Judge(RolloutState state, Service service, Deployment? watched, DateTimeOffset now)
    {
        var goal = state.Goal;
        var deployments = service.Deployments ?? [];
        var primary = deployments.FirstOrDefault(d => d.Status == "PRIMARY");
        var revision = Revision(goal.TaskDefinitionArn);

        if (watched?.RolloutState == DeploymentRolloutState.Failed)
        {
            if (primary is not null && primary.Id != watched.Id)
            {
                return Failure(
                    state,
                    RolloutOutcome.RolledBack,
                    $"ECS's deployment circuit breaker stopped the rollout of {revision} ({Reason(watched)}) and is rolling back to {Revision(primary.TaskDefinition)}",
                    primary.TaskDefinition);
            }

            return Failure(state, RolloutOutcome.Failed, $"the rollout of {revision} FAILED: {Reason(watched)}; nothing rolled it back");
        }

        if (watched is null)
        {
            // The watched deployment is gone from the list: ECS dropped it after rolling back, or another deploy replaced it.
            var failedEvent = state.DeploymentId is not null && state.Events.Exists(e =>
                e.Message?.Contains($"(deployment {state.DeploymentId}) deployment failed", StringComparison.Ordinal) == true);
            if (failedEvent || state.Events.Exists(e => e.Message?.Contains("rolling back to deployment", StringComparison.Ordinal) == true))
            {
                return Failure(
                    state,
                    RolloutOutcome.RolledBack,
                    $"ECS's deployment circuit breaker stopped the rollout of {revision} and rolled back to {Revision(primary?.TaskDefinition)}",
                    primary?.TaskDefinition);
            }

            if (state.DeploymentId is not null || primary is not null)
            {
                return Failure(
                    state,
                    RolloutOutcome.Superseded,
                    $"another deployment ({Revision(primary?.TaskDefinition)}) replaced the rollout of {revision} before it finished");
            }
        }
        else if (primary is not null && primary.Id == watched.Id && primary.TaskDefinition == goal.TaskDefinitionArn)
        {
            var completed = primary.RolloutState is { } rollout
                ? rollout == DeploymentRolloutState.Completed
                : deployments.Count == 1; // no rolloutState (older API shapes): the services-stable waiter's rule
            if (completed && service.RunningCount == service.DesiredCount && primary.RunningCount == primary.DesiredCount)
            {
                if (primary.RunningCount == 0 && goal.WantedRunning > 0)
                {
                    return Failure(
                        state,
                        RolloutOutcome.Failed,
                        $"{revision} settled with {primary.RunningCount} of {primary.DesiredCount} tasks running, but the configuration wants {goal.WantedRunning}: the service's desired count is {service.DesiredCount}");
                }


                var health = state.HasLoadBalancer ? ", healthy in the target group" : "";
                return new RolloutVerdict(
                    RolloutOutcome.Succeeded,
                    $"{revision} is live: {primary.RunningCount} of {primary.DesiredCount} tasks running{health}",
                    StoppedReasons(state),
                    []);
            }
        }

        if (now - goal.StartedAt >= goal.Timeout)
        {
            return Failure(state, RolloutOutcome.TimedOut, TimedOutSummary(state));
        }

        return RolloutVerdict.Pending;
    }

    private static string TimedOutSummary(RolloutState state)
    {
        var watched = state.Deployments.FirstOrDefault(d => d.IsWatched);
        var progress = watched is null ? "" : $" ({watched.Running} of {watched.Desired} new tasks running)";
        return $"{Revision(state.Goal.TaskDefinitionArn)} did not reach a steady state within {Format(state.Goal.Timeout)}{progress}";
    }

    private static RolloutVerdict Failure(RolloutState state, RolloutOutcome outcome, string summary, string? rolledBackTo = null) =>
        new(outcome, summary, StoppedReasons(state), HealthFailures(state), rolledBackTo);

    private static IReadOnlyList<ReasonCount> StoppedReasons(RolloutState state) =>
        [.. state.StoppedTasks.Values
            .GroupBy(r => r, StringComparer.Ordinal)
            .Select(g => new ReasonCount(g.Key, g.Count()))
            .OrderByDescending(r => r.Count)
            .ThenBy(r => r.Reason, StringComparer.Ordinal)];

    /// <summary>Failing health checks: the new tasks' unhealthy targets, and ECS's events about unhealthy tasks.</summary>
    private static IReadOnlyList<string> HealthFailures(RolloutState state)
    {
        var failures = new List<string>();
        foreach (var task in state.Tasks.Where(t => t.IsNew && t.TargetState == "unhealthy"))
        {
            failures.Add($"target of task {EcsNames.ShortTaskId(task.TaskArn)} is unhealthy: {task.TargetReason}");
        }

        foreach (var message in state.Events.Select(e => e.Message ?? ""))
        {
            var reason = UnhealthyReason().Match(message);
            if (reason.Success)
            {
                var why = reason.Groups["reason"] is { Success: true } group ? group.Value : "health checks failed";
                failures.Add($"unhealthy in the target group: {why}");
            }
            else if (message.Contains("failed container health checks", StringComparison.Ordinal))
            {
                failures.Add("a task failed its container health checks");
            }
        }

        return [.. failures.Distinct(StringComparer.Ordinal)];
    }

    private static Deployment? FindWatched(IReadOnlyList<Deployment> deployments, string? deploymentId, string taskDefinitionArn) =>
        deploymentId is not null
            ? deployments.FirstOrDefault(d => d.Id == deploymentId)
            : deployments.Where(d => d.TaskDefinition == taskDefinitionArn).OrderByDescending(d => d.CreatedAt).FirstOrDefault();

    private static ImmutableList<ServiceEvent> NewEvents(RolloutState state, IReadOnlyList<ServiceEvent> events)
    {
        var seen = state.Events.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
        var since = state.Goal.StartedAt - EventClockSkew;
        // ECS lists events newest first; events of the same instant keep ECS's order, oldest first.
        var fresh = events
            .Reverse()
            .Where(e => e.Id is not null && !seen.Contains(e.Id) && (e.CreatedAt ?? DateTimeOffset.MaxValue) >= since)
            .OrderBy(e => e.CreatedAt);
        return state.Events.AddRange(fresh);
    }

    private static ImmutableDictionary<string, string> RecordStopped(ImmutableDictionary<string, string> known, IEnumerable<EcsTask> newTasks)
    {
        var builder = known.ToBuilder();
        foreach (var task in newTasks)
        {
            if (task.TaskArn is null || task.DesiredStatus != "STOPPED" || StopReason(task) is not { } reason)
            {
                continue;
            }

            builder[task.TaskArn] = reason;
        }

        return builder.ToImmutable();
    }

    /// <summary>
    /// Why a task of the new revision stopped, in words that group well: ECS's stoppedReason, with the essential
    /// container's exit code or reason when the task stopped because a container exited. Stops that are the service
    /// scheduler tidying up (scale-in, a rollback replacing the new tasks) are not failures and give null.
    /// </summary>
    internal static string? StopReason(EcsTask task)
    {
        var reason = task.StoppedReason;
        if (string.IsNullOrWhiteSpace(reason) || reason.StartsWith("Scaling activity initiated by", StringComparison.Ordinal))
        {
            return null;
        }

        if (task.StopCode == TaskStopCode.EssentialContainerExited || reason.StartsWith("Essential container in task exited", StringComparison.Ordinal))
        {
            var container = task.Containers?.FirstOrDefault(c => c.ExitCode is not null && c.ExitCode != 0)
                ?? task.Containers?.FirstOrDefault(c => c.Reason is not null);
            if (container is not null)
            {
                var detail = container.Reason is { Length: > 0 } containerReason
                    ? containerReason
                    : $"exit code {container.ExitCode}";
                return $"{reason} ({container.Name}: {detail})";
            }
        }

        return reason;
    }

    private static RolloutTimeline Advance(
        RolloutTimeline timeline,
        ServiceSnapshot snapshot,
        Deployment? watched,
        IReadOnlyList<EcsTask> tasks,
        Func<EcsTask, bool> isNew,
        Dictionary<string, TargetHealthDescription> targetsByTask,
        bool hasLoadBalancer)
    {
        var now = snapshot.At;
        var mine = tasks.Where(isNew).ToList();
        // Tasks the rollout launched; a deployment being scaled also has tasks from before it.
        var launched = mine.Where(t => t.CreatedAt is null || t.CreatedAt >= timeline.Marks[0].At - EventClockSkew).ToList();
        if (launched.Count > 0)
        {
            timeline = timeline.Reach(RolloutPhase.Provisioning, Earliest(launched.Select(t => t.CreatedAt), now));
        }

        var started = launched.Where(t => t.PullStartedAt is not null || StartedStatuses.Contains(t.LastStatus)).ToList();
        if (started.Count > 0)
        {
            timeline = timeline.Reach(RolloutPhase.Pending, Earliest(started.Select(t => t.PullStartedAt), now));
        }

        var desired = watched?.DesiredCount ?? 0;
        var running = mine.Where(t => t.LastStatus == "RUNNING" && t.DesiredStatus == "RUNNING").ToList();
        if (desired > 0 && running.Count >= desired)
        {
            timeline = timeline.Reach(RolloutPhase.Running, now);
            var healthy = hasLoadBalancer
                ? running.Count(t => targetsByTask.TryGetValue(t.TaskArn ?? "", out var target) && target.TargetHealth?.State == TargetHealthState.Healthy)
                : running.Count(t => t.HealthStatus == HealthStatus.Healthy);
            if (healthy >= desired)
            {
                timeline = timeline.Reach(RolloutPhase.Healthy, now);
            }
        }

        var oldStopping = tasks.Any(t => !isNew(t) && t.DesiredStatus == "STOPPED" && (t.StoppingAt ?? t.StoppedAt ?? now) >= timeline.Marks[0].At)
            || snapshot.Targets.Any(t => t.TargetHealth?.State == TargetHealthState.Draining
                                         && !mine.Any(m => targetsByTask.TryGetValue(m.TaskArn ?? "", out var target) && ReferenceEquals(target, t)));
        if (oldStopping && timeline.Has(RolloutPhase.Provisioning))
        {
            timeline = timeline.Reach(RolloutPhase.Draining, now);
        }

        return timeline;
    }

    private static DateTimeOffset Earliest(IEnumerable<DateTimeOffset?> times, DateTimeOffset fallback)
    {
        var known = times.Where(t => t is not null).Select(t => t!.Value).ToList();
        return known.Count == 0 ? fallback : known.Min();
    }

    /// <summary>
    /// Which target is which task's. On AWS (awsvpc) a target is the task's private IP on the container port; on the
    /// local region it is 127.0.0.1 on the task's host port.
    /// </summary>
    private static Dictionary<string, TargetHealthDescription> MatchTargets(IReadOnlyList<EcsTask> tasks, IReadOnlyList<TargetHealthDescription> targets)
    {
        var result = new Dictionary<string, TargetHealthDescription>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            if (task.TaskArn is null)
            {
                continue;
            }

            var (ips, bound) = Endpoints(task);
            var match = targets.FirstOrDefault(t => t.Target is { } target
                && (bound.Contains((target.Id, target.Port)) || (!IsLoopback(target.Id) && ips.Contains(target.Id))));
            if (match is not null)
            {
                result[task.TaskArn] = match;
            }
        }

        return result;
    }

    // A task's own IPs (awsvpc: its ENI; every target with that IP is the task's), and the loopback host ports its
    // containers are bound to (the local region: all tasks share 127.0.0.1, so the port tells them apart).
    private static (HashSet<string> Ips, HashSet<(string, int?)> Bound) Endpoints(EcsTask task)
    {
        var ips = (task.Attachments ?? [])
            .SelectMany(a => a.Details ?? [])
            .Where(d => d.Name == "privateIPv4Address" && d.Value is not null)
            .Select(d => d.Value!)
            .Concat((task.Containers ?? []).SelectMany(c => c.NetworkInterfaces ?? []).Select(n => n.PrivateIpv4Address).OfType<string>())
            .ToHashSet(StringComparer.Ordinal);
        var bound = new HashSet<(string, int?)>();
        foreach (var binding in (task.Containers ?? []).SelectMany(c => c.NetworkBindings ?? []))
        {
            if (binding.HostPort is { } hostPort)
            {
                bound.Add((string.IsNullOrEmpty(binding.BindIP) || binding.BindIP == "0.0.0.0" ? "127.0.0.1" : binding.BindIP, hostPort));
            }
        }

        return (ips, bound);
    }

    private static bool IsLoopback(string ip) => ip.StartsWith("127.", StringComparison.Ordinal) || ip == "::1";

    private static string? TaskOfTarget(TargetHealthDescription target, Dictionary<string, TargetHealthDescription> targetsByTask) =>
        targetsByTask.FirstOrDefault(p => ReferenceEquals(p.Value, target)).Key is { } arn ? EcsNames.TaskId(arn) : null;

    private static DeploymentView ToView(Deployment deployment, bool watched) => new(
        deployment.Id ?? "",
        deployment.Status ?? "",
        deployment.TaskDefinition ?? "",
        EcsNames.Revision(deployment.TaskDefinition),
        deployment.RolloutState?.Value,
        deployment.RolloutStateReason,
        deployment.DesiredCount,
        deployment.PendingCount,
        deployment.RunningCount,
        deployment.FailedTasks,
        watched);

    private static TaskView ToView(EcsTask task, bool isNew, TargetHealthDescription? target) => new(
        task.TaskArn ?? "",
        EcsNames.TaskId(task.TaskArn),
        EcsNames.Revision(task.TaskDefinitionArn),
        task.LastStatus ?? "",
        task.DesiredStatus ?? "",
        task.HealthStatus?.Value,
        target?.TargetHealth?.State?.Value,
        target?.TargetHealth?.Description ?? target?.TargetHealth?.Reason?.Value,
        isNew,
        StopReason(task));

    private static TargetView ToView(TargetHealthDescription target, string? taskId) => new(
        target.Target?.Id ?? "",
        target.Target?.Port,
        target.TargetHealth?.State?.Value ?? "",
        target.TargetHealth?.Reason?.Value,
        target.TargetHealth?.Description,
        taskId);

    private static string Reason(Deployment deployment) =>
        string.IsNullOrWhiteSpace(deployment.RolloutStateReason) ? "no reason given" : deployment.RolloutStateReason.TrimEnd('.');

    private static string Revision(string? taskDefinition) =>
        taskDefinition is null ? "the previous revision" : $"revision {EcsNames.Revision(taskDefinition)}";

    internal static string Format(TimeSpan duration) =>
        duration.TotalHours >= 1 ? $"{(int)duration.TotalHours}h{duration.Minutes:00}m"
        : duration.TotalMinutes >= 1 ? $"{(int)duration.TotalMinutes}m{(duration.Seconds == 0 ? "" : $"{duration.Seconds:00}s")}"
        : $"{duration.TotalSeconds:0.#}s";

    // "(service S) (task T) (port P) is unhealthy in (target-group ARN) due to (reason Health checks failed with these codes: [500])."
    [GeneratedRegex(@"is unhealthy in \(target-group [^)]*\)(?: due to \(reason (?<reason>.*)\))?", RegexOptions.CultureInvariant)]
    private static partial Regex UnhealthyReason();
}

using Fargo.Aws.ApplicationAutoScaling;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>
/// The local region's autoscaler: every period it measures each scalable ECS service — CPU and memory from its
/// running tasks' processes against the task's cpu units and memory, requests per healthy target from the load
/// balancer — feeds each target tracking policy one datapoint, and sets the desired count when a policy's alarm
/// fires: out when any policy asks for more, in only when every policy asks for less, never past min/max, and not
/// again before the cooldown. What it does is a scaling activity, in AWS's words.
/// </summary>
internal sealed partial class Autoscaler(
    ScalingService scaling,
    IScalableServices services,
    ITargetGroupTraffic traffic,
    AutoscalerOptions options,
    TimeProvider time,
    ILogger logger)
{
    private readonly Dictionary<string, TargetTracking> _trackers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (double CpuSeconds, DateTimeOffset At)> _taskCpu = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (long Requests, DateTimeOffset At)> _requests = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset? Out, DateTimeOffset? In)> _lastScaled = new(StringComparer.Ordinal);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(options.Period, time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    await EvaluateAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogEvaluationFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Engine shutting down.
        }
    }

    /// <summary>One period: a datapoint for every policy, then the scaling decisions.</summary>
    public async Task EvaluateAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var targets = scaling.Snapshot();
        var live = new HashSet<string>(StringComparer.Ordinal);
        var measured = new List<(ScalableTarget Target, IReadOnlyList<ScalingPolicy> Policies, ScalableService Service, string Cluster, string Name)>();
        foreach (var (target, policies) in targets)
        {
            if (ScalingService.ParseEcsResourceId(target.ResourceId) is not var (cluster, name) || services.Find(cluster, name) is not { } service)
            {
                continue;
            }

            measured.Add((target, policies, service, cluster, name));
        }

        var groups = measured.SelectMany(m => m.Service.RunningTasks).SelectMany(t => t.ProcessGroups).ToHashSet();
        var usage = ProcessGroupUsage.Read(groups);
        var cpu = CpuByTask(measured.SelectMany(m => m.Service.RunningTasks), usage, now);

        foreach (var (target, policies, service, cluster, name) in measured)
        {
            foreach (var policy in policies.Where(p => p.PolicyType == PolicyType.TargetTrackingScaling && p.TargetTrackingScalingPolicyConfiguration is not null))
            {
                live.Add(policy.PolicyARN);
                var tracker = Tracker(policy);
                if (await MeasureAsync(policy.TargetTrackingScalingPolicyConfiguration!.PredefinedMetricSpecification!, service, cpu, usage, now, cancellationToken).ConfigureAwait(false) is { } value)
                {
                    tracker.Add(value);
                }
            }

            Decide(target, policies, service, now);
        }

        foreach (var gone in _trackers.Keys.Where(k => !live.Contains(k)).ToList())
        {
            _trackers.Remove(gone);
        }
    }

    private void Decide(ScalableTarget target, IReadOnlyList<ScalingPolicy> policies, ScalableService service, DateTimeOffset now)
    {
        var tracked = policies.Where(p => _trackers.ContainsKey(p.PolicyARN)).Select(p => (Policy: p, Tracker: _trackers[p.PolicyARN])).ToList();
        if (tracked.Count == 0)
        {
            return;
        }

        var capacity = service.DesiredCount;
        var last = _lastScaled.GetValueOrDefault(target.ResourceId);
        var suspended = target.SuspendedState;
        var outs = tracked.Select(t => (t.Policy, Wanted: t.Tracker.ScaleOut(capacity))).Where(t => t.Wanted is not null).ToList();
        if (outs.Count > 0)
        {
            var (policy, wanted) = outs.MaxBy(t => t.Wanted!.Value);
            var capped = Math.Min(wanted!.Value, target.MaxCapacity);
            if (capped > capacity && suspended?.DynamicScalingOutSuspended != true && !InCooldown(last.Out, policy.TargetTrackingScalingPolicyConfiguration!.ScaleOutCooldown, now))
            {
                Apply(target, policy, capped, AlarmName(policy, high: true), tracked, now, scaledOut: true);
            }

            return;
        }

        // In only when every policy's AlarmLow is in ALARM; the least reduction wins.
        var ins = tracked.Select(t => (t.Policy, Wanted: t.Tracker.ScaleIn(capacity))).ToList();
        if (ins.Exists(t => t.Wanted is null) || suspended?.DynamicScalingInSuspended == true)
        {
            return;
        }

        var (inPolicy, inWanted) = ins.MaxBy(t => t.Wanted!.Value);
        var floor = Math.Max(inWanted!.Value, target.MinCapacity);
        if (floor < capacity
            && !InCooldown(last.In, inPolicy.TargetTrackingScalingPolicyConfiguration!.ScaleInCooldown, now)
            && !InCooldown(last.Out, inPolicy.TargetTrackingScalingPolicyConfiguration.ScaleOutCooldown, now))
        {
            Apply(target, inPolicy, floor, AlarmName(inPolicy, high: false), tracked, now, scaledOut: false);
        }
    }

    private void Apply(ScalableTarget target, ScalingPolicy policy, int capacity, string alarm, List<(ScalingPolicy Policy, TargetTracking Tracker)> tracked, DateTimeOffset now, bool scaledOut)
    {
        if (!scaling.Scale(target, policy, capacity, alarm))
        {
            return;
        }

        LogScaled(logger, target.ResourceId, capacity, policy.PolicyName);
        var last = _lastScaled.GetValueOrDefault(target.ResourceId);
        _lastScaled[target.ResourceId] = scaledOut ? (now, last.In) : (last.Out, now);
        foreach (var (_, tracker) in tracked)
        {
            tracker.Reset();
        }
    }

    private bool InCooldown(DateTimeOffset? since, int? cooldownSeconds, DateTimeOffset now) =>
        since is { } at && now - at < options.Cooldown(cooldownSeconds);

    private TargetTracking Tracker(ScalingPolicy policy)
    {
        var configuration = policy.TargetTrackingScalingPolicyConfiguration!;
        if (!_trackers.TryGetValue(policy.PolicyARN, out var tracker)
            || tracker.TargetValue != configuration.TargetValue
            || tracker.ScaleInDisabled != (configuration.DisableScaleIn == true))
        {
            tracker = new TargetTracking(configuration.TargetValue, configuration.DisableScaleIn == true);
            _trackers[policy.PolicyARN] = tracker;
        }

        return tracker;
    }

    private async Task<double?> MeasureAsync(
        PredefinedMetricSpecification metric,
        ScalableService service,
        Dictionary<string, double> coresByTask,
        IReadOnlyDictionary<int, ProcessUsage> usage,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (metric.PredefinedMetricType == MetricType.ECSServiceAverageCPUUtilization)
        {
            // ECS's metric: the CPU the service's tasks use over the CPU they reserve, in percent.
            var sampled = service.RunningTasks.Where(t => coresByTask.ContainsKey(t.TaskId)).ToList();
            return sampled.Count == 0 ? null : 100 * sampled.Sum(t => coresByTask[t.TaskId]) / sampled.Sum(t => t.CpuUnits / 1024);
        }

        if (metric.PredefinedMetricType == MetricType.ECSServiceAverageMemoryUtilization)
        {
            var tasks = service.RunningTasks;
            return tasks.Count == 0
                ? null
                : 100 * tasks.Sum(t => t.ProcessGroups.Sum(g => usage.GetValueOrDefault(g).ResidentBytes)) / tasks.Sum(t => t.MemoryMiB * 1024 * 1024);
        }

        if (metric.PredefinedMetricType == MetricType.ALBRequestCountPerTarget && metric.ResourceLabel is { } label)
        {
            if (await traffic.TrafficAsync(label, cancellationToken).ConfigureAwait(false) is not { } current)
            {
                return null;
            }

            var previous = _requests.GetValueOrDefault(label);
            _requests[label] = (current.Requests, now);
            var elapsed = (now - previous.At).TotalSeconds;
            if (previous.At == default || elapsed <= 0 || current.HealthyTargets == 0)
            {
                return null;
            }

            // AWS sums a minute of requests per target; locally a period is shorter, so the count is taken per minute.
            return Math.Max(0, current.Requests - previous.Requests) * (AutoscalerOptions.AwsPeriod.TotalSeconds / elapsed) / current.HealthyTargets;
        }

        return null;
    }

    /// <summary>Cores each task used since the last period (tasks seen for the first time have no figure yet).</summary>
    private Dictionary<string, double> CpuByTask(IEnumerable<RunningTaskUsage> tasks, IReadOnlyDictionary<int, ProcessUsage> usage, DateTimeOffset now)
    {
        var cores = new Dictionary<string, double>(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var task in tasks)
        {
            seen.Add(task.TaskId);
            var seconds = task.ProcessGroups.Sum(g => usage.GetValueOrDefault(g).CpuSeconds);
            if (_taskCpu.TryGetValue(task.TaskId, out var previous) && now > previous.At)
            {
                cores[task.TaskId] = Math.Max(0, seconds - previous.CpuSeconds) / (now - previous.At).TotalSeconds;
            }

            _taskCpu[task.TaskId] = (seconds, now);
        }

        foreach (var gone in _taskCpu.Keys.Where(k => !seen.Contains(k)).ToList())
        {
            _taskCpu.Remove(gone);
        }

        return cores;
    }

    private static string AlarmName(ScalingPolicy policy, bool high) =>
        policy.Alarms?.FirstOrDefault(a => a.AlarmName.Contains(high ? "-AlarmHigh-" : "-AlarmLow-", StringComparison.Ordinal))?.AlarmName
            ?? ScalingTexts.AlarmName(policy.ResourceId, high ? "High" : "Low");

    [LoggerMessage(Level = LogLevel.Information, Message = "Autoscaling {ResourceId} to {Capacity} tasks (policy {Policy})")]
    private static partial void LogScaled(ILogger logger, string resourceId, int capacity, string policy);

    [LoggerMessage(Level = LogLevel.Error, Message = "Autoscaler period failed")]
    private static partial void LogEvaluationFailed(ILogger logger, Exception exception);
}

using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.Model;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.LoadBalancing.TargetGroups;

/// <summary>
/// A target group at run time: its targets with their health (ALB's state machine, driven by the health
/// checks), the set of targets requests may go to, the choice of target per request (round robin, least
/// outstanding requests, weighted random), and deregistration with its delay.
/// </summary>
internal sealed partial class TargetGroupRuntime : IDisposable
{
    /// <summary>How often a new target that has not passed a check yet is probed (at most its interval).</summary>
    private static readonly TimeSpan InitialProbeInterval = TimeSpan.FromSeconds(1);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, TargetEntry> _entries = new(StringComparer.Ordinal);
    private readonly HealthChecker _checker;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<TargetGroupRuntime, TargetEntry> _drainExpired;
    private readonly CancellationTokenSource _stopping = new();
    private volatile Routing _routing = Routing.Empty;
    private volatile TargetGroupSettings _settings;
    private int _roundRobin;
    private bool _inUse;
    private long _requests;

    public TargetGroupRuntime(
        TargetGroupRecord record,
        TargetGroupSettings settings,
        HealthChecker checker,
        TimeProvider time,
        ILogger logger,
        Action<TargetGroupRuntime, TargetEntry> drainExpired)
    {
        Record = record;
        _settings = settings;
        _checker = checker;
        _time = time;
        _logger = logger;
        _drainExpired = drainExpired;
    }

    public TargetGroupRecord Record { get; set; }

    /// <summary>Requests routed to a target of this group since the engine started (ALB's RequestCount, summed).</summary>
    public long RequestCount => Interlocked.Read(ref _requests);

    /// <summary>Targets that are healthy now.</summary>
    public int HealthyTargetCount => _routing.Healthy.Length;

    public TargetGroupSettings Settings
    {
        get => _settings;
        set
        {
            _settings = value;
        }
    }

    public string Arn => Record.Arn;

    public bool InUse
    {
        get
        {
            lock (_gate)
            {
                return _inUse;
            }
        }
    }

    /// <summary>Every target DescribeTargetHealth shows: registered ones and those still draining.</summary>
    public List<TargetEntry> Entries()
    {
        lock (_gate)
        {
            return [.. _entries.Values];
        }
    }

    /// <summary>Every target with its health, read consistently (the checker changes health under the same lock).</summary>
    public List<(TargetEntry Entry, TargetHealth Health)> Snapshot()
    {
        lock (_gate)
        {
            return [.. _entries.Values.Select(e => (e, e.Health))];
        }
    }

    /// <summary>A target's health, read consistently; null when it is not registered.</summary>
    public TargetHealth? HealthOf(TargetEndpoint endpoint)
    {
        lock (_gate)
        {
            return _entries.GetValueOrDefault(TargetRecord.KeyOf(Arn, endpoint.Id, endpoint.Port))?.Health;
        }
    }

    public TargetEntry? Find(TargetEndpoint endpoint)
    {
        lock (_gate)
        {
            return _entries.GetValueOrDefault(TargetRecord.KeyOf(Arn, endpoint.Id, endpoint.Port));
        }
    }

    /// <summary>
    /// Whether the group is behind a listener. Out of use, ALB neither checks nor routes to its targets
    /// (they show unused, Target.NotInUse); back in use, they start over in initial.
    /// </summary>
    public void SetInUse(bool inUse)
    {
        lock (_gate)
        {
            if (_inUse == inUse)
            {
                return;
            }

            _inUse = inUse;
            foreach (var entry in _entries.Values.Where(e => !e.IsDraining))
            {
                if (inUse)
                {
                    StartChecking(entry);
                }
                else
                {
                    StopChecking(entry);
                    SetState(entry, TargetHealthState.Unused, TargetHealthReason.TargetNotInUse, TargetHealthTexts.NotInUse);
                }
            }

            UpdateRouting();
        }
    }

    /// <summary>Registers a target (again): a target already registered or draining starts over in initial.</summary>
    public TargetEntry Register(TargetRecord record)
    {
        var entry = new TargetEntry(record);
        TargetEntry? replaced;
        lock (_gate)
        {
            _entries.Remove(record.Key, out replaced);
            _entries[record.Key] = entry;
            if (_inUse)
            {
                StartChecking(entry);
            }
            else
            {
                SetState(entry, TargetHealthState.Unused, TargetHealthReason.TargetNotInUse, TargetHealthTexts.NotInUse);
            }

            UpdateRouting();
        }

        // A draining target registered again: what it still has in flight may finish (nothing is cut).
        replaced?.Dispose();

        return entry;
    }

    /// <summary>Restores a target that was draining when the engine stopped; its deadline still holds.</summary>
    public void RestoreDraining(TargetRecord record)
    {
        var entry = new TargetEntry(record);
        lock (_gate)
        {
            _entries[record.Key] = entry;
            SetState(entry, TargetHealthState.Draining, TargetHealthReason.TargetDeregistrationInProgress, TargetHealthTexts.DeregistrationInProgress);
            entry.BeginDraining();
        }

        _ = ExpireAsync(entry, record.DrainDeadline ?? _time.GetUtcNow());
    }

    /// <summary>
    /// Starts draining: no new requests; those in flight may finish until the deregistration delay runs out,
    /// when they are cut. The target shows draining until then, as on AWS, even when it went idle earlier
    /// (<see cref="TargetEntry.Drained"/> completes at that earlier moment).
    /// </summary>
    public void Deregister(TargetEntry entry, DateTimeOffset now)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(entry.Record.Key, out var current) || current != entry || entry.IsDraining)
            {
                return;
            }

            entry.Record.DeregisteredAt = now;
            entry.Record.DrainDeadline = now + Settings.DeregistrationDelay;
            StopChecking(entry);
            SetState(entry, TargetHealthState.Draining, TargetHealthReason.TargetDeregistrationInProgress, TargetHealthTexts.DeregistrationInProgress);
            entry.BeginDraining();
            UpdateRouting();
        }

        _ = ExpireAsync(entry, entry.Record.DrainDeadline!.Value);
    }

    /// <summary>Drops a target whose deregistration delay ran out; false when it was replaced meanwhile.</summary>
    public bool Remove(TargetEntry entry)
    {
        lock (_gate)
        {
            if (!_entries.TryGetValue(entry.Record.Key, out var current) || current != entry)
            {
                return false;
            }

            _entries.Remove(entry.Record.Key);
            UpdateRouting();
        }

        entry.Cut();
        entry.Dispose();
        return true;
    }

    /// <summary>
    /// Picks the target for a request and counts the request in (the caller must call
    /// <see cref="TargetEntry.EndRequest"/>). Healthy targets only, unless fewer are healthy than the
    /// group's minimum (1 by default): then ALB fails open, to every registered target. Null: none at all.
    /// </summary>
    public TargetEntry? Pick()
    {
        for (var attempt = 0; attempt < 4; attempt++)
        {
            var routing = _routing;
            var candidates = routing.Healthy.Length >= Settings.MinimumHealthyTargets || routing.All.Length == 0 ? routing.Healthy : routing.All;
            if (candidates.Length == 0)
            {
                return null;
            }

            var chosen = Choose(candidates);
            if (chosen.TryBeginRequest())
            {
                Interlocked.Increment(ref _requests);
                return chosen;
            }
        }

        return null;
    }

    public void Dispose()
    {
        List<TargetEntry> entries;
        lock (_gate)
        {
            entries = [.. _entries.Values];
            _entries.Clear();
            _routing = Routing.Empty;
        }

        _stopping.Cancel();
        foreach (var entry in entries)
        {
            entry.Cut();
            entry.Dispose();
        }

        _stopping.Dispose();
    }

    private TargetEntry Choose(TargetEntry[] candidates)
    {
        var start = (Interlocked.Increment(ref _roundRobin) & int.MaxValue) % candidates.Length;
        switch (Settings.Algorithm)
        {
            case LoadBalancingAlgorithm.LeastOutstandingRequests:
                var best = candidates[start];
                for (var i = 1; i < candidates.Length; i++)
                {
                    var candidate = candidates[(start + i) % candidates.Length];
                    if (candidate.InFlight < best.InFlight)
                    {
                        best = candidate;
                    }
                }

                return best;
            case LoadBalancingAlgorithm.WeightedRandom:
                // Every target weighs the same locally (no anomaly mitigation): a uniform pick.
#pragma warning disable CA5394 // Spreading load, not security: no need for a cryptographic generator.
                return candidates[Random.Shared.Next(candidates.Length)];
#pragma warning restore CA5394
            default:
                return candidates[start];
        }
    }

    private void StartChecking(TargetEntry entry)
    {
        entry.ConsecutiveFailures = 0;
        entry.ConsecutiveSuccesses = 0;
        SetState(entry, TargetHealthState.Initial, TargetHealthReason.ElbRegistrationInProgress, TargetHealthTexts.RegistrationInProgress);
        entry.HealthChecks?.Cancel();
        entry.HealthChecks?.Dispose();
        var checks = CancellationTokenSource.CreateLinkedTokenSource(_stopping.Token);
        entry.HealthChecks = checks;
        _ = HealthLoopAsync(entry, checks.Token);
    }

    private static void StopChecking(TargetEntry entry)
    {
        entry.HealthChecks?.Cancel();
        entry.HealthChecks?.Dispose();
        entry.HealthChecks = null;
    }

    private async Task HealthLoopAsync(TargetEntry entry, CancellationToken cancellationToken)
    {
        try
        {
            // Off the caller's thread (the API call or the scheduler that registered the target).
            await Task.Yield();
            lock (_gate)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }

                SetState(entry, TargetHealthState.Initial, TargetHealthReason.ElbInitialHealthChecking, TargetHealthTexts.InitialHealthChecking);
            }

            long? lastCounted = null;
            while (!cancellationToken.IsCancellationRequested)
            {
                var started = _time.GetTimestamp();
                var settings = Settings;
                var result = await _checker.CheckAsync(settings, entry.Endpoint, cancellationToken).ConfigureAwait(false);

                // A new target is probed every second until it passes (on AWS each load balancer node checks it,
                // so checks come more often than the interval); a failed probe counts only once per interval,
                // so a target turns unhealthy exactly as late as with one check per interval.
                if (result.Passed || lastCounted is null || _time.GetElapsedTime(lastCounted.Value) >= settings.HealthCheckInterval)
                {
                    Apply(entry, result, settings, cancellationToken);
                    lastCounted = started;
                }

                var pace = !result.Passed && IsInitial(entry) && InitialProbeInterval < settings.HealthCheckInterval
                    ? InitialProbeInterval
                    : settings.HealthCheckInterval;
                var wait = pace - _time.GetElapsedTime(started);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Checks stopped: the target drains, left, or the group went out of use.
        }
        catch (ObjectDisposedException) when (cancellationToken.IsCancellationRequested)
        {
            // The group was disposed while the loop was between checks.
        }
    }

    private bool IsInitial(TargetEntry entry)
    {
        lock (_gate)
        {
            return entry.State == TargetHealthState.Initial;
        }
    }

    /// <summary>ALB's health state machine for one result.</summary>
    private void Apply(TargetEntry entry, HealthCheckResult result, TargetGroupSettings settings, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (cancellationToken.IsCancellationRequested || entry.IsDraining)
            {
                return;
            }

            var before = entry.State;
            if (result.Passed)
            {
                entry.ConsecutiveFailures = 0;
                entry.ConsecutiveSuccesses++;

                // A new target needs one passed check; an unhealthy one needs the healthy threshold.
                if (before == TargetHealthState.Initial
                    || (before == TargetHealthState.Unhealthy && entry.ConsecutiveSuccesses >= settings.HealthCheck.HealthyThresholdCount))
                {
                    SetState(entry, TargetHealthState.Healthy, null, null);
                }
            }
            else
            {
                entry.ConsecutiveSuccesses = 0;
                entry.ConsecutiveFailures++;
                if (before == TargetHealthState.Unhealthy
                    || entry.ConsecutiveFailures >= settings.HealthCheck.UnhealthyThresholdCount)
                {
                    SetState(entry, TargetHealthState.Unhealthy, result.Reason, result.Description);
                }
            }

            if (entry.State != before)
            {
                LogStateChanged(_logger, entry.Endpoint, Record.Name, entry.State, entry.Description);
                UpdateRouting();
            }
        }
    }

    private static void SetState(TargetEntry entry, TargetHealthState state, TargetHealthReason? reason, string? description)
    {
        entry.State = state;
        entry.Reason = reason;
        entry.Description = description;
    }

    private async Task ExpireAsync(TargetEntry entry, DateTimeOffset deadline)
    {
        try
        {
            var wait = deadline - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _time, _stopping.Token).ConfigureAwait(false);
            }
            else
            {
                await Task.Yield();
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        entry.Cut();
        _drainExpired(this, entry);
    }

    /// <summary>Recomputes, under the lock, the sets the data plane picks from without locking.</summary>
    private void UpdateRouting()
    {
        if (!_inUse)
        {
            _routing = Routing.Empty;
            return;
        }

        var live = _entries.Values.Where(e => !e.IsDraining && e.State != TargetHealthState.Unused).OrderBy(e => e.Record.Key, StringComparer.Ordinal).ToArray();
        _routing = new Routing(live.Where(e => e.State == TargetHealthState.Healthy).ToArray(), live);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Target {Target} in target group {TargetGroup} is {State} {Description}")]
    private static partial void LogStateChanged(ILogger logger, TargetEndpoint target, string targetGroup, TargetHealthState state, string? description);

    /// <summary>Healthy targets, and every target requests may go to when ALB fails open.</summary>
    private sealed record Routing(TargetEntry[] Healthy, TargetEntry[] All)
    {
        public static Routing Empty { get; } = new([], []);
    }
}

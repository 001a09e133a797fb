using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.Model;

namespace Fargo.Local.LoadBalancing.TargetGroups;

/// <summary>Where a target listens: an IP address (the target's Id, for ip target groups) and a port.</summary>
public readonly record struct TargetEndpoint(string Id, int Port)
{
    public override string ToString() => Id.Contains(':', StringComparison.Ordinal) ? $"[{Id}]:{Port}" : $"{Id}:{Port}";
}

/// <summary>
/// One registered target at run time: its health as the checker last saw it, and the requests in flight to
/// it. The health fields are guarded by the target group's lock; the in-flight count is lock-free, because
/// every proxied request touches it.
/// </summary>
internal sealed class TargetEntry : IDisposable
{
    private readonly CancellationTokenSource _cut = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private volatile bool _draining;

    public TargetEntry(TargetRecord record)
    {
        Record = record;
        Endpoint = new TargetEndpoint(record.Id, record.Port);
    }

    public TargetRecord Record { get; }

    public TargetEndpoint Endpoint { get; }

    public TargetHealthState State { get; set; } = TargetHealthState.Initial;

    public TargetHealthReason? Reason { get; set; } = TargetHealthReason.ElbRegistrationInProgress;

    public string? Description { get; set; } = TargetHealthTexts.RegistrationInProgress;

    public int ConsecutiveSuccesses { get; set; }

    public int ConsecutiveFailures { get; set; }

    /// <summary>Cancels this target's health check loop (it restarts when the group comes back into use).</summary>
    public CancellationTokenSource? HealthChecks { get; set; }

    public int InFlight => Volatile.Read(ref _inFlight);

    public bool IsDraining => _draining;

    /// <summary>Cancelled when the deregistration delay runs out: requests still in flight are cut (ALB answers 502).</summary>
    public CancellationToken CutToken => _cut.Token;

    /// <summary>Completes once a draining target has no request in flight, or its delay ran out.</summary>
    public Task Drained => _drained.Task;

    public TargetHealth Health => new() { State = State, Reason = Reason, Description = Description };

    /// <summary>
    /// Counts a request in; false when the target began draining meanwhile (the caller picks another).
    /// Increment-then-check pairs with <see cref="BeginDraining"/>'s set-then-check, so a request is
    /// either counted before draining looks at the count, or sees the draining flag and backs off.
    /// </summary>
    public bool TryBeginRequest()
    {
        Interlocked.Increment(ref _inFlight);
        if (!_draining)
        {
            return true;
        }

        EndRequest();
        return false;
    }

    public void EndRequest()
    {
        if (Interlocked.Decrement(ref _inFlight) == 0 && _draining)
        {
            _drained.TrySetResult();
        }
    }

    public void BeginDraining()
    {
        _draining = true;
        Interlocked.MemoryBarrier();
        if (Volatile.Read(ref _inFlight) == 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>The deregistration delay ran out (or the target is gone): cut what is still in flight.</summary>
    public void Cut()
    {
        _draining = true;
        _drained.TrySetResult();
        _cut.Cancel();
    }

    public void Dispose()
    {
        HealthChecks?.Cancel();
        HealthChecks?.Dispose();
        HealthChecks = null;

        // _cut is left to the GC: requests still in flight may link to its token, and it holds no timer.
    }
}

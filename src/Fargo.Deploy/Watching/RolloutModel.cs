using System.Collections.Immutable;
using Fargo.Aws.Ecs;

namespace Fargo.Deploy.Watching;

/// <summary>How a rollout ended, or that it has not yet.</summary>
public enum RolloutOutcome
{
    /// <summary>Still going.</summary>
    InProgress,

    /// <summary>The PRIMARY deployment is the new revision, COMPLETED, with every desired task running.</summary>
    Succeeded,

    /// <summary>ECS's deployment circuit breaker failed the rollout and rolled the service back.</summary>
    RolledBack,

    /// <summary>The rollout is FAILED and nothing rolled it back (circuit breaker without rollback).</summary>
    Failed,

    /// <summary>The rollout did not reach a steady state in time.</summary>
    TimedOut,

    /// <summary>Another deployment replaced this one before it finished.</summary>
    Superseded,

    /// <summary>The service is gone (deleted, INACTIVE, DRAINING).</summary>
    ServiceUnavailable,
}

/// <summary>A stop reason and how many of the rollout's tasks stopped for it.</summary>
public sealed record ReasonCount(string Reason, int Count);

/// <summary>The verdict of the watcher and why.</summary>
/// <param name="Outcome">The outcome.</param>
/// <param name="Summary">One sentence for people.</param>
/// <param name="StoppedReasons">The new revision's stopped tasks, grouped by reason, most frequent first.</param>
/// <param name="HealthFailures">Failing health checks (target group descriptions, ECS's unhealthy events).</param>
/// <param name="RolledBackTo">The revision ECS went back to (RolledBack), else null.</param>
public sealed record RolloutVerdict(
    RolloutOutcome Outcome,
    string Summary,
    IReadOnlyList<ReasonCount> StoppedReasons,
    IReadOnlyList<string> HealthFailures,
    string? RolledBackTo = null)
{
    public static RolloutVerdict Pending { get; } = new(RolloutOutcome.InProgress, "in progress", [], []);

    public bool IsFinal => Outcome != RolloutOutcome.InProgress;

    public bool IsSuccess => Outcome == RolloutOutcome.Succeeded;

    /// <summary>The reasons, one line each: what a failed deploy prints after its summary.</summary>
    public IEnumerable<string> ReasonLines()
    {
        foreach (var reason in StoppedReasons)
        {
            yield return reason.Count == 1 ? $"1 task stopped: {reason.Reason}" : $"{reason.Count} tasks stopped: {reason.Reason}";
        }

        foreach (var failure in HealthFailures)
        {
            yield return $"health check: {failure}";
        }
    }
}

/// <summary>A deployment of the service as shown while watching.</summary>
public sealed record DeploymentView(
    string Id,
    string Status,
    string TaskDefinition,
    int Revision,
    string? RolloutState,
    string? RolloutStateReason,
    int Desired,
    int Pending,
    int Running,
    int Failed,
    bool IsWatched);

/// <summary>A task of the service: its lifecycle state, health, and how its target is doing.</summary>
public sealed record TaskView(
    string TaskArn,
    string TaskId,
    int Revision,
    string LastStatus,
    string DesiredStatus,
    string? HealthStatus,
    string? TargetState,
    string? TargetReason,
    bool IsNew,
    string? StoppedReason);

/// <summary>A load balancer target, with the task it belongs to when known.</summary>
public sealed record TargetView(string Id, int? Port, string State, string? Reason, string? Description, string? TaskId);

/// <summary>The phases of a rollout, in the order they happen.</summary>
public enum RolloutPhase
{
    /// <summary>The revision is registered (or reused) and UpdateService accepted it.</summary>
    Registered,

    /// <summary>ECS has created the first new task (capacity being provisioned).</summary>
    Provisioning,

    /// <summary>A new task is PENDING: its image is being pulled, its network attached.</summary>
    Pending,

    /// <summary>Every desired new task is RUNNING.</summary>
    Running,

    /// <summary>Every desired new task is healthy in the target group (or by its health check).</summary>
    Healthy,

    /// <summary>Old tasks are being deregistered and stopped.</summary>
    Draining,

    /// <summary>The deployment is COMPLETED: steady state.</summary>
    Steady,
}

/// <summary>When a phase was first reached.</summary>
public sealed record PhaseMark(RolloutPhase Phase, DateTimeOffset At);

/// <summary>Where the time of a rollout went: each phase reached, when, and how long until the next one.</summary>
public sealed record RolloutTimeline(ImmutableList<PhaseMark> Marks)
{
    public static RolloutTimeline Empty { get; } = new(ImmutableList<PhaseMark>.Empty);

    public bool Has(RolloutPhase phase) => Marks.Exists(m => m.Phase == phase);

    /// <summary>Records a phase the first time it is reached; later sightings change nothing.</summary>
    public RolloutTimeline Reach(RolloutPhase phase, DateTimeOffset at) => Has(phase) ? this : new RolloutTimeline(Marks.Add(new PhaseMark(phase, at)));

    /// <summary>Each reached phase (in phase order), its offset from the start, and its duration until the next reached phase or <paramref name="end"/>.</summary>
    public IReadOnlyList<(RolloutPhase Phase, TimeSpan Offset, TimeSpan Duration)> Durations(DateTimeOffset end)
    {
        var ordered = Marks.OrderBy(m => m.Phase).ToList();
        if (ordered.Count == 0)
        {
            return [];
        }

        var start = ordered[0].At;
        var result = new List<(RolloutPhase, TimeSpan, TimeSpan)>();
        for (var i = 0; i < ordered.Count; i++)
        {
            // Phases can be observed out of order (old tasks may drain before every new task is healthy); a phase's
            // duration never goes negative.
            var at = ordered[i].At;
            var next = i + 1 < ordered.Count ? ordered[i + 1].At : end;
            result.Add((ordered[i].Phase, Max(at - start, TimeSpan.Zero), Max(next - at, TimeSpan.Zero)));
        }

        return result;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}

/// <summary>
/// Everything the watcher knows about one rollout after its latest look: the goal, the deployment it identified,
/// what it shows (deployments, tasks, targets, new events), the stopped tasks it has seen, the timeline and the verdict.
/// Immutable: <see cref="RolloutJudge.Observe"/> returns the next state.
/// </summary>
public sealed record RolloutState
{
    public required RolloutGoal Goal { get; init; }

    /// <summary>The watched deployment's id, once known.</summary>
    public string? DeploymentId { get; init; }

    public DateTimeOffset? ObservedAt { get; init; }

    public string? ServiceStatus { get; init; }

    public int DesiredCount { get; init; }

    public int RunningCount { get; init; }

    public int PendingCount { get; init; }

    public IReadOnlyList<DeploymentView> Deployments { get; init; } = [];

    public IReadOnlyList<TaskView> Tasks { get; init; } = [];

    public IReadOnlyList<TargetView> Targets { get; init; } = [];

    /// <summary>Service events since the rollout started, oldest first.</summary>
    public ImmutableList<ServiceEvent> Events { get; init; } = ImmutableList<ServiceEvent>.Empty;

    /// <summary>The new revision's tasks that stopped, by task ARN, with the reason they stopped.</summary>
    public ImmutableDictionary<string, string> StoppedTasks { get; init; } = ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    public RolloutTimeline Timeline { get; init; } = RolloutTimeline.Empty;

    public RolloutVerdict Verdict { get; init; } = RolloutVerdict.Pending;

    /// <summary>Something worth telling while watching that is not the service's state (e.g. "throttled: backing off 10s").</summary>
    public string? Notice { get; init; }

    /// <summary>The service has load balancers (targets are part of health).</summary>
    public bool HasLoadBalancer { get; init; }
}

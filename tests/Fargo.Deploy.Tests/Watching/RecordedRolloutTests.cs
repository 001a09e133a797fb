using Fargo.Deploy.Tests.Support;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Tests.Watching;

/// <summary>
/// The watcher on rollouts written frame by frame in ECS's and the load balancer's response shapes (Fixtures/,
/// hand-made: see its README): the real snapshot reader, judge and watcher loop, with the responses served frame by
/// frame and a clock that jumps between frames.
/// </summary>
public sealed class RecordedRolloutTests
{
    private static async Task<(RolloutState Final, List<RolloutState> Seen, RecordedScenario Scenario)> WatchAsync(string name)
    {
        var scenario = RecordedScenario.Load(name);
        var apis = scenario.Replay();
        var watcher = new RolloutWatcher(scenario.Clock());
        var seen = new List<RolloutState>();
        var final = await watcher.WatchAsync(TestApis.Target(apis), scenario.Goal, new Collect(seen), CancellationToken.None);
        return (final, seen, scenario);
    }

    [Fact]
    public async Task A_rolling_update_succeeds_only_once_the_new_revision_is_COMPLETED_and_fully_running()
    {
        var (final, seen, scenario) = await WatchAsync("success");

        Assert.Equal(RolloutOutcome.Succeeded, final.Verdict.Outcome);
        Assert.Equal("revision 5 is live: 2 of 2 tasks running, healthy in the target group", final.Verdict.Summary);
        // Every look before the last saw the rollout still going, even the one where all new targets were healthy.
        Assert.Equal(scenario.Frames.Count, seen.Count);
        Assert.All(seen.SkipLast(1), s => Assert.Equal(RolloutOutcome.InProgress, s.Verdict.Outcome));
        Assert.Empty(final.Verdict.StoppedReasons);
    }

    [Fact]
    public async Task A_successful_rollout_has_a_timeline_of_every_phase()
    {
        var (final, _, scenario) = await WatchAsync("success");
        var start = scenario.Goal.StartedAt;

        var marks = final.Timeline.Marks.OrderBy(m => m.Phase).Select(m => (m.Phase, Seconds: (m.At - start).TotalSeconds)).ToList();

        Assert.Equal(
            [
                (RolloutPhase.Registered, 0.0),
                (RolloutPhase.Provisioning, 1.8), // the first new task's createdAt
                (RolloutPhase.Pending, 9.4),      // its pullStartedAt
                (RolloutPhase.Running, 50.0),     // the look that saw both new tasks RUNNING
                (RolloutPhase.Healthy, 85.0),     // the look that saw both new targets healthy
                (RolloutPhase.Draining, 85.0),    // the same look saw the old targets draining
                (RolloutPhase.Steady, 120.0),
            ],
            marks);
        var durations = final.Timeline.Durations(start.AddSeconds(120));
        Assert.Equal(TimeSpan.FromSeconds(40.6), durations.Single(d => d.Phase == RolloutPhase.Pending).Duration);
    }

    [Fact]
    public async Task While_watching_it_shows_deployments_tasks_and_targets()
    {
        var (_, seen, _) = await WatchAsync("success");

        var third = seen[2];
        Assert.Equal(["PRIMARY", "ACTIVE"], third.Deployments.Select(d => d.Status));
        Assert.True(third.Deployments[0].IsWatched);
        Assert.Equal(5, third.Deployments[0].Revision);
        Assert.Equal("IN_PROGRESS", third.Deployments[0].RolloutState);
        var newTasks = third.Tasks.Where(t => t.IsNew).ToList();
        Assert.Equal(2, newTasks.Count);
        Assert.All(newTasks, t => Assert.Equal(("RUNNING", "initial"), (t.LastStatus, t.TargetState)));
        Assert.All(third.Tasks.Where(t => !t.IsNew), t => Assert.Equal("healthy", t.TargetState));
        Assert.Contains(third.Events, e => e.Message!.Contains("registered 2 targets", StringComparison.Ordinal));
        Assert.DoesNotContain(third.Events, e => e.Message!.Contains("has reached a steady state", StringComparison.Ordinal)); // an hour before the deploy
    }

    [Fact]
    public async Task A_circuit_breaker_rollback_fails_the_deploy_with_the_stopped_tasks_reasons_and_the_failing_health_check()
    {
        var (final, seen, _) = await WatchAsync("circuit-breaker-rollback");

        Assert.Equal(RolloutOutcome.RolledBack, final.Verdict.Outcome);
        Assert.Equal("arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:5", final.Verdict.RolledBackTo);
        Assert.StartsWith("ECS's deployment circuit breaker stopped the rollout of revision 6 (ECS deployment circuit breaker: tasks failed to start)", final.Verdict.Summary, StringComparison.Ordinal);
        Assert.Equal(
            [
                new ReasonCount("Task failed ELB health checks in (target-group arn:aws:elasticloadbalancing:us-east-1:111111111111:targetgroup/todo-api-qa/6d0ecf831eec9f09)", 2),
                new ReasonCount("Essential container in task exited (todo-api: exit code 139)", 1),
            ],
            final.Verdict.StoppedReasons);
        Assert.Contains("unhealthy in the target group: Health checks failed with these codes: [500]", final.Verdict.HealthFailures);
        // The look before the breaker tripped showed the new targets failing their checks.
        Assert.Equal(RolloutOutcome.InProgress, seen[1].Verdict.Outcome);
        Assert.All(seen[1].Tasks.Where(t => t.IsNew), t => Assert.Equal("Health checks failed with these codes: [500]", t.TargetReason));
    }

    [Fact]
    public async Task Tasks_that_fail_to_start_fail_the_deploy_grouped_by_reason_when_there_is_nothing_to_roll_back_to()
    {
        var (final, _, _) = await WatchAsync("tasks-fail-to-start");

        Assert.Equal(RolloutOutcome.Failed, final.Verdict.Outcome);
        Assert.Equal("the rollout of revision 1 FAILED: ECS deployment circuit breaker: tasks failed to start; nothing rolled it back", final.Verdict.Summary);
        Assert.Equal(2, final.Verdict.StoppedReasons.Count);
        Assert.StartsWith("CannotPullContainerError: pull image manifest has been retried 7 time(s)", final.Verdict.StoppedReasons[0].Reason, StringComparison.Ordinal);
        Assert.Equal(2, final.Verdict.StoppedReasons[0].Count);
        Assert.StartsWith("ResourceInitializationError: unable to pull secrets or registry auth", final.Verdict.StoppedReasons[1].Reason, StringComparison.Ordinal);
        Assert.Equal(1, final.Verdict.StoppedReasons[1].Count);
        Assert.Equal(
            ["2 tasks stopped: CannotPullContainerError", "1 task stopped: ResourceInitializationError"],
            final.Verdict.ReasonLines().Select(l => l[..l.IndexOf(':', l.IndexOf(':') + 1)]));
    }

    [Fact]
    public async Task A_rollout_stuck_in_progress_fails_at_the_timeout_and_says_what_was_failing()
    {
        var (final, seen, _) = await WatchAsync("stuck-until-timeout");

        Assert.Equal(RolloutOutcome.InProgress, seen[2].Verdict.Outcome); // 599 s of a 10-minute timeout
        Assert.Equal(RolloutOutcome.TimedOut, final.Verdict.Outcome);
        Assert.Equal("revision 7 did not reach a steady state within 10m (1 of 1 new tasks running)", final.Verdict.Summary);
        Assert.Contains(final.Verdict.HealthFailures, f => f.EndsWith("is unhealthy: Request timed out", StringComparison.Ordinal));
        Assert.False(final.Timeline.Has(RolloutPhase.Healthy));
    }

    private sealed class Collect(List<RolloutState> seen) : IProgress<RolloutState>
    {
        public void Report(RolloutState value) => seen.Add(value);
    }
}

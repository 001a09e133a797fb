using Fargo.Aws;
using Fargo.Deploy.Tests.Support;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Tests.Watching;

/// <summary>When AWS throttles (after its own retries), the watcher backs off and keeps watching; it never fails a deploy for it.</summary>
public sealed class ThrottlingTests
{
    private static (RecordedScenario Scenario, TestApis Apis, FakeClock Clock) Throttled(Func<int, bool> throttle)
    {
        var scenario = RecordedScenario.Load("success");
        var apis = scenario.Replay();
        var calls = 0;
        var describe = apis.DescribeServices!;
        apis.DescribeServices = request => throttle(++calls)
            ? throw TestApis.Error("DescribeServices", "ThrottlingException", message: "Rate exceeded")
            : describe(request);
        var health = apis.DescribeTargetHealth!;
        apis.DescribeTargetHealth = request =>
        {
            // The last call of a look: the next look sees the next recorded frame.
            var answer = health(request);
            scenario.Current = Math.Min(scenario.Current + 1, scenario.Frames.Count - 1);
            return answer;
        };
        return (scenario, apis, new FakeClock(scenario.Frames[0].At));
    }

    [Fact]
    public async Task Throttled_looks_back_off_doubling_then_watching_resumes_and_the_deploy_succeeds()
    {
        var (scenario, apis, clock) = Throttled(call => call <= 3);
        var notices = new List<string?>();

        var final = await new RolloutWatcher(clock).WatchAsync(TestApis.Target(apis), scenario.Goal, new Notices(notices), CancellationToken.None);

        Assert.Equal(RolloutOutcome.Succeeded, final.Verdict.Outcome);
        Assert.Equal([10, 20, 40, 5, 5, 5, 5], clock.Delays.Select(d => d.TotalSeconds));
        Assert.Equal("AWS is throttling DescribeServices (ThrottlingException); looking again in 10s", notices[0]);
        Assert.Equal("AWS is throttling DescribeServices (ThrottlingException); looking again in 40s", notices[2]);
        Assert.Null(notices[^1]);
    }

    [Fact]
    public async Task Throttling_that_never_ends_backs_off_at_most_a_minute_and_fails_at_the_timeout()
    {
        var (scenario, apis, clock) = Throttled(_ => true);

        var final = await new RolloutWatcher(clock).WatchAsync(TestApis.Target(apis), scenario.Goal, null, CancellationToken.None);

        Assert.Equal(RolloutOutcome.TimedOut, final.Verdict.Outcome);
        Assert.Equal(TimeSpan.FromMinutes(1), clock.Delays.Max());
        Assert.True(clock.UtcNow - scenario.Goal.StartedAt >= TimeSpan.FromMinutes(15));
        Assert.True(clock.UtcNow - scenario.Goal.StartedAt < TimeSpan.FromMinutes(17));
    }

    [Fact]
    public async Task A_server_error_is_ridden_out_like_throttling()
    {
        var (scenario, apis, clock) = Throttled(_ => false);
        var calls = 0;
        var health = apis.DescribeTargetHealth!;
        apis.DescribeTargetHealth = request => ++calls == 2
            ? throw new AwsServiceException("Elastic Load Balancing v2", "DescribeTargetHealth", "InternalFailure", "internal error", null, 500)
            : health(request);

        var final = await new RolloutWatcher(clock).WatchAsync(TestApis.Target(apis), scenario.Goal, null, CancellationToken.None);

        Assert.Equal(RolloutOutcome.Succeeded, final.Verdict.Outcome);
        Assert.Contains(TimeSpan.FromSeconds(10), clock.Delays);
    }

    [Fact]
    public async Task An_error_that_retrying_cannot_fix_stops_the_watch()
    {
        var (scenario, apis, clock) = Throttled(_ => false);
        apis.DescribeTargetHealth = _ => throw new AwsServiceException("Elastic Load Balancing v2", "DescribeTargetHealth", "AccessDenied", "not authorized", null, 403);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            new RolloutWatcher(clock).WatchAsync(TestApis.Target(apis), scenario.Goal, null, CancellationToken.None));

        Assert.Equal("AccessDenied", error.Code);
        Assert.Empty(clock.Delays);
    }

    private sealed class Notices(List<string?> notices) : IProgress<RolloutState>
    {
        public void Report(RolloutState value) => notices.Add(value.Notice);
    }
}

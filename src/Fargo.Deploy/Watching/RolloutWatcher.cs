using Fargo.Aws;
using Fargo.Aws.Http;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Watching;

/// <summary>
/// Watches a rollout until the judge gives a verdict: looks at the service every poll interval, reports each state to
/// <paramref name="progress"/>, and rides out throttling and brief outages (AWS's own retries first; when a look
/// still fails, it backs off, doubling up to a minute, and keeps watching, so a busy account never fails a deploy
/// that is going well). The rollout's timeout is measured on the same clock.
/// </summary>
public sealed class RolloutWatcher(IClock clock)
{
    /// <summary>The longest pause between looks while AWS keeps refusing.</summary>
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);

    private readonly IClock _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    /// <summary>Where the snapshots come from; the real reader unless a test gives another.</summary>
    public Func<DeployTarget, string?, DateTimeOffset, CancellationToken, Task<ServiceSnapshot>> Reader { get; init; } = ServiceSnapshotReader.ReadAsync;

    public async Task<RolloutState> WatchAsync(DeployTarget target, RolloutGoal goal, IProgress<RolloutState>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(goal);
        var state = RolloutJudge.Start(goal);
        var delay = target.PollInterval;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var snapshot = await Reader(target, state.DeploymentId, _clock.UtcNow, cancellationToken);
                state = RolloutJudge.Observe(state, snapshot);
                delay = target.PollInterval;
            }
            catch (AwsException e) when (IsTransient(e) && !cancellationToken.IsCancellationRequested)
            {
                delay = Min(delay + delay, MaxBackoff);
                state = RolloutJudge.Expire(state, _clock.UtcNow) with { Notice = $"{Describe(e)}; looking again in {RolloutJudge.Format(delay)}" };
            }

            progress?.Report(state);
            if (state.Verdict.IsFinal)
            {
                return state;
            }

            await _clock.DelayAsync(delay, cancellationToken);
        }
    }

    /// <summary>Throttling, 5xx and network trouble: worth looking again later. Anything else (access denied) is not.</summary>
    internal static bool IsTransient(Exception exception) => exception switch
    {
        AwsServiceException service => AwsRetryPolicy.IsRetryable(service),
        AwsTransportException => true,
        _ => false,
    };

    private static string Describe(Exception exception) => exception switch
    {
        AwsServiceException service when AwsRetryPolicy.IsThrottling(service) => $"AWS is throttling {service.Operation} ({service.Code})",
        AwsServiceException service => $"{service.Service} {service.Operation} failed ({service.Code}, HTTP {service.HttpStatus})",
        _ => exception.Message,
    };

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}

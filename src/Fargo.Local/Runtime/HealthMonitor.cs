using Fargo.Aws.Ecs;
using Fargo.Local.Engine;

namespace Fargo.Local.Runtime;

/// <summary>
/// A container's health check, run as Docker and ECS run it: every interval, a probe with a timeout;
/// HEALTHY after a pass, UNHEALTHY after `retries` consecutive failures, and failures during the start
/// period don't count (a pass during it does). ECS's defaults: interval 30 s, timeout 5 s, retries 3,
/// no start period.
/// </summary>
internal sealed class HealthMonitor : IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private volatile string _status;
    private int _disposed;

    public HealthMonitor(
        HealthCheck check,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        EngineOptions options,
        DateTimeOffset containerStartedAt,
        TimeProvider time,
        string initialStatus)
    {
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(options);
        _status = initialStatus;
        var interval = options.ScaledSeconds(check.Interval ?? 30);
        var timeout = options.ScaledSeconds(check.Timeout ?? 5);
        var retries = check.Retries ?? 3;
        var startPeriodEnd = containerStartedAt + options.ScaledSeconds(check.StartPeriod ?? 0);
        _loop = RunAsync(check.Command, workingDirectory, environment, interval, timeout, retries, startPeriodEnd, time, _stop.Token);
    }

    /// <summary>HEALTHY, UNHEALTHY or UNKNOWN (no verdict yet).</summary>
    public string Status => _status;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stop.Cancel();
        try
        {
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // The loop ends by cancellation; nothing to report.
        }

        _stop.Dispose();
    }

    private async Task RunAsync(
        IReadOnlyList<string> command,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan interval,
        TimeSpan timeout,
        int retries,
        DateTimeOffset startPeriodEnd,
        TimeProvider time,
        CancellationToken stopping)
    {
        var failures = 0;
        try
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(interval, time, stopping).ConfigureAwait(false);
                var passed = await HealthProbe.RunAsync(command, workingDirectory, environment, timeout, stopping).ConfigureAwait(false);
                if (passed)
                {
                    failures = 0;
                    _status = "HEALTHY";
                }
                else if (time.GetUtcNow() >= startPeriodEnd)
                {
                    failures++;
                    if (failures >= retries)
                    {
                        _status = "UNHEALTHY";
                    }
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            // Stopped with its container.
        }
    }
}

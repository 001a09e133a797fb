using Fargo.Aws.CloudWatchLogs;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Operations;

/// <summary>One log event of a task's container.</summary>
public sealed record LogLine(DateTimeOffset Timestamp, string TaskId, string Container, string Message, string EventId);

/// <summary>What `fargo logs` reads: since when, which task (an id or its first characters), and whether to follow.</summary>
public sealed record LogQuery(TimeSpan Since, string? TaskId = null, bool Follow = false);

/// <summary>
/// The service's logs from CloudWatch Logs: its log group, every task's stream (&lt;prefix&gt;/&lt;container&gt;/&lt;task id&gt;),
/// merged by time. Following polls for new events and never repeats one.
/// </summary>
public static class ServiceLogs
{
    public static async IAsyncEnumerable<LogLine> ReadAsync(
        DeployTarget target,
        LogQuery query,
        IClock clock,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(clock);
        var spec = target.Spec;
        var prefix = query.TaskId is { Length: > 0 } task ? $"{spec.LogStreamPrefix}/{spec.ContainerName}/{task}" : $"{spec.LogStreamPrefix}/";
        var start = clock.UtcNow - query.Since;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var interval = target.Environment.IsLocal ? TimeSpan.FromMilliseconds(500) : TimeSpan.FromSeconds(2);
        while (true)
        {
            var lines = await FetchAsync(target, prefix, start, cancellationToken);
            foreach (var line in lines.Where(l => seen.Add(l.EventId)))
            {
                yield return line;
                if (line.Timestamp > start)
                {
                    start = line.Timestamp;
                }
            }

            if (!query.Follow)
            {
                yield break;
            }

            await clock.DelayAsync(interval, cancellationToken);
        }
    }

    /// <summary>Every event of the streams under <paramref name="streamPrefix"/> from <paramref name="start"/>, oldest first.</summary>
    public static async Task<IReadOnlyList<LogLine>> FetchAsync(DeployTarget target, string streamPrefix, DateTimeOffset start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var lines = new List<LogLine>();
        var request = new FilterLogEventsRequest
        {
            LogGroupName = target.Spec.LogGroup,
            LogStreamNamePrefix = streamPrefix,
            StartTime = start.ToUnixTimeMilliseconds(),
        };
        try
        {
            while (true)
            {
                var page = await target.Apis.Logs.FilterLogEventsAsync(request, cancellationToken);
                lines.AddRange((page.Events ?? []).Select(ToLine));
                if (page.NextToken is null || (page.Events ?? []).Count == 0)
                {
                    break;
                }

                request = request with { NextToken = page.NextToken };
            }
        }
        catch (Fargo.Aws.AwsServiceException e) when (e.Code == "ResourceNotFoundException")
        {
            throw new DeployException($"The log group {target.Spec.LogGroup} does not exist on {target.Environment.Describe()}.", "It is created with the service (fargo up, or fargo infra up).", e);
        }

        return [.. lines.OrderBy(l => l.Timestamp).ThenBy(l => l.EventId, StringComparer.Ordinal)];
    }

    private static LogLine ToLine(FilteredLogEvent e)
    {
        // Stream names are prefix/container/taskId.
        var parts = (e.LogStreamName ?? "").Split('/');
        var taskId = parts.Length >= 3 ? parts[^1] : e.LogStreamName ?? "";
        var container = parts.Length >= 3 ? parts[^2] : "";
        return new LogLine(
            DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp ?? 0),
            taskId,
            container,
            (e.Message ?? "").TrimEnd('\n', '\r'),
            e.EventId ?? $"{e.LogStreamName}/{e.Timestamp}/{e.Message?.GetHashCode(StringComparison.Ordinal)}");
    }
}

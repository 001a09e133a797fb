namespace Fargo.Local.Logs;

internal sealed record LogGroupInfo(string Name, DateTimeOffset CreatedAt, int? RetentionInDays, long StoredBytes)
{
    public int MetricFilterCount { get; init; }

    public string Arn => ArnOf(Name) + ":*";

    /// <summary>The ARN tagging takes (DescribeLogGroups' arn without the trailing ":*").</summary>
    public static string ArnOf(string name) => $"arn:{LocalRegionConstants.Partition}:logs:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:log-group:{name}";
}

internal sealed record LogStreamInfo(
    string GroupName,
    string Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FirstEventTimestamp,
    DateTimeOffset? LastEventTimestamp,
    DateTimeOffset? LastIngestionTime,
    long StoredBytes)
{
    public string Arn => $"arn:{LocalRegionConstants.Partition}:logs:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:log-group:{GroupName}:log-stream:{Name}";
}

internal sealed record LogEventInfo(long Id, string StreamName, DateTimeOffset Timestamp, DateTimeOffset IngestionTime, string Message);

/// <summary>One page of events and the tokens to move forward and backward from it (GetLogEvents).</summary>
internal sealed record LogEventPage(IReadOnlyList<LogEventInfo> Events, string NextForwardToken, string NextBackwardToken);

/// <summary>One page of FilterLogEvents, with a token when there is more.</summary>
internal sealed record FilteredLogEvents(IReadOnlyList<LogEventInfo> Events, string? NextToken);

/// <summary>A line captured from a task's output, bound for one stream.</summary>
internal sealed record CapturedLine(DateTimeOffset Timestamp, string Message);

/// <summary>The events PutLogEvents did not store, as indexes into its batch (CloudWatch Logs' rejectedLogEventsInfo).</summary>
internal sealed record RejectedEvents(int? TooOldEndIndex, int? TooNewStartIndex, int? ExpiredEndIndex)
{
    public bool Any => TooOldEndIndex is not null || TooNewStartIndex is not null || ExpiredEndIndex is not null;
}

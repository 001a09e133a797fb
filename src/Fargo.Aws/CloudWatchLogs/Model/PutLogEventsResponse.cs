namespace Fargo.Aws.CloudWatchLogs;

public sealed record PutLogEventsResponse
{
    public string? NextSequenceToken { get; init; }

    public RejectedLogEventsInfo? RejectedLogEventsInfo { get; init; }

    public RejectedEntityInfo? RejectedEntityInfo { get; init; }
}

/// <summary>Which events were refused: indexes into the request's logEvents.</summary>
public sealed record RejectedLogEventsInfo
{
    public int? TooNewLogEventStartIndex { get; init; }

    public int? TooOldLogEventEndIndex { get; init; }

    public int? ExpiredLogEventEndIndex { get; init; }
}

public sealed record RejectedEntityInfo
{
    public required string ErrorType { get; init; }
}

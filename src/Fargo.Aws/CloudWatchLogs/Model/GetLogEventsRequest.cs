using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record GetLogEventsRequest
{
    public string? LogGroupName { get; init; }

    public string? LogGroupIdentifier { get; init; }

    public required string LogStreamName { get; init; }

    public long? StartTime { get; init; }

    public long? EndTime { get; init; }

    public string? NextToken { get; init; }

    public int? Limit { get; init; }

    public bool? StartFromHead { get; init; }

    public bool? Unmask { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record FilterLogEventsRequest
{
    public string? LogGroupName { get; init; }

    public string? LogGroupIdentifier { get; init; }

    public IReadOnlyList<string>? LogStreamNames { get; init; }

    public string? LogStreamNamePrefix { get; init; }

    public long? StartTime { get; init; }

    public long? EndTime { get; init; }

    public string? FilterPattern { get; init; }

    public string? NextToken { get; init; }

    public int? Limit { get; init; }

    public bool? Interleaved { get; init; }

    public bool? Unmask { get; init; }
}

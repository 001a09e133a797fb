using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record FilterLogEventsResponse
{
    public IReadOnlyList<FilteredLogEvent>? Events { get; init; }

    public IReadOnlyList<SearchedLogStream>? SearchedLogStreams { get; init; }

    public string? NextToken { get; init; }
}

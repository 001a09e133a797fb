using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record GetLogEventsResponse
{
    public IReadOnlyList<OutputLogEvent>? Events { get; init; }

    public string? NextForwardToken { get; init; }

    public string? NextBackwardToken { get; init; }
}

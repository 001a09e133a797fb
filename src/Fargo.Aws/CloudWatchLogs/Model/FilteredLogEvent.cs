using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record FilteredLogEvent
{
    public string? LogStreamName { get; init; }

    public long? Timestamp { get; init; }

    public string? Message { get; init; }

    public long? IngestionTime { get; init; }

    public string? EventId { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record OutputLogEvent
{
    public long? Timestamp { get; init; }

    public string? Message { get; init; }

    public long? IngestionTime { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record LogStream
{
    public string? LogStreamName { get; init; }

    public long? CreationTime { get; init; }

    public long? FirstEventTimestamp { get; init; }

    public long? LastEventTimestamp { get; init; }

    public long? LastIngestionTime { get; init; }

    public string? UploadSequenceToken { get; init; }

    public string? Arn { get; init; }

    public long? StoredBytes { get; init; }
}

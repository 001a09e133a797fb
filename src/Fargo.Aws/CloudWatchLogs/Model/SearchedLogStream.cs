using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record SearchedLogStream
{
    public string? LogStreamName { get; init; }

    public bool? SearchedCompletely { get; init; }
}

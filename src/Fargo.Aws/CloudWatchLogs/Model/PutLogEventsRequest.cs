namespace Fargo.Aws.CloudWatchLogs;

public sealed record PutLogEventsRequest
{
    public required string LogGroupName { get; init; }

    public required string LogStreamName { get; init; }

    public required IReadOnlyList<InputLogEvent> LogEvents { get; init; }

    /// <summary>Ignored by CloudWatch Logs since 2023 (any value, or none, is accepted).</summary>
    public string? SequenceToken { get; init; }

    public LogEntity? Entity { get; init; }
}

public sealed record InputLogEvent
{
    /// <summary>Milliseconds since the epoch.</summary>
    public required long Timestamp { get; init; }

    public required string Message { get; init; }
}

/// <summary>The entity the events are about (the model's Entity), for CloudWatch's related telemetry.</summary>
public sealed record LogEntity
{
    public IReadOnlyDictionary<string, string>? KeyAttributes { get; init; }

    public IReadOnlyDictionary<string, string>? Attributes { get; init; }
}

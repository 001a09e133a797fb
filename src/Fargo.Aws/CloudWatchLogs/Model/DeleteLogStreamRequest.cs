namespace Fargo.Aws.CloudWatchLogs;

public sealed record DeleteLogStreamRequest
{
    public required string LogGroupName { get; init; }

    public required string LogStreamName { get; init; }
}

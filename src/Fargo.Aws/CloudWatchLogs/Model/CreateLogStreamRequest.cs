namespace Fargo.Aws.CloudWatchLogs;

public sealed record CreateLogStreamRequest
{
    public required string LogGroupName { get; init; }

    public required string LogStreamName { get; init; }
}

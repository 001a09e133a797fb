namespace Fargo.Aws.CloudWatchLogs;

public sealed record DeleteMetricFilterRequest
{
    public required string LogGroupName { get; init; }

    public required string FilterName { get; init; }
}

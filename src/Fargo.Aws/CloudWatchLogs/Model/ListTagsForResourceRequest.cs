namespace Fargo.Aws.CloudWatchLogs;

public sealed record ListTagsForResourceRequest
{
    public required string ResourceArn { get; init; }
}

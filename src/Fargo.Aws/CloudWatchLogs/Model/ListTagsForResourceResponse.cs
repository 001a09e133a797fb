namespace Fargo.Aws.CloudWatchLogs;

public sealed record ListTagsForResourceResponse
{
    public IReadOnlyDictionary<string, string>? Tags { get; init; }
}

namespace Fargo.Aws.CloudWatchLogs;

public sealed record TagResourceResponse
{
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record DescribeLogStreamsResponse
{
    public IReadOnlyList<LogStream>? LogStreams { get; init; }

    public string? NextToken { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record DescribeLogStreamsRequest
{
    public string? LogGroupName { get; init; }

    public string? LogGroupIdentifier { get; init; }

    public string? LogStreamNamePrefix { get; init; }

    public OrderBy? OrderBy { get; init; }

    public bool? Descending { get; init; }

    public string? NextToken { get; init; }

    public int? Limit { get; init; }
}

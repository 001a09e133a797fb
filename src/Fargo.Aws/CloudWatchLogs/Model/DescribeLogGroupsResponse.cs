using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record DescribeLogGroupsResponse
{
    public IReadOnlyList<LogGroup>? LogGroups { get; init; }

    public string? NextToken { get; init; }
}

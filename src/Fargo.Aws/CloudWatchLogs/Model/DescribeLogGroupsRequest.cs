using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record DescribeLogGroupsRequest
{
    public IReadOnlyList<string>? AccountIdentifiers { get; init; }

    public string? LogGroupNamePrefix { get; init; }

    public string? LogGroupNamePattern { get; init; }

    public string? NextToken { get; init; }

    public int? Limit { get; init; }

    public bool? IncludeLinkedAccounts { get; init; }

    public string? LogGroupClass { get; init; }
}

namespace Fargo.Aws.CloudWatchLogs;

public sealed record TagResourceRequest
{
    /// <summary>A log group's ARN, without the trailing ":*" that DescribeLogGroups' arn carries.</summary>
    public required string ResourceArn { get; init; }

    public required IReadOnlyDictionary<string, string> Tags { get; init; }
}

namespace Fargo.Aws.CloudWatchLogs;

public sealed record DescribeMetricFiltersRequest
{
    public string? LogGroupName { get; init; }

    public string? FilterNamePrefix { get; init; }

    public string? NextToken { get; init; }

    public int? Limit { get; init; }

    public string? MetricName { get; init; }

    public string? MetricNamespace { get; init; }
}

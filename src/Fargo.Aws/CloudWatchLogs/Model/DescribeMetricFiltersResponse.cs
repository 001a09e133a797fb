namespace Fargo.Aws.CloudWatchLogs;

public sealed record DescribeMetricFiltersResponse
{
    public IReadOnlyList<MetricFilter>? MetricFilters { get; init; }

    public string? NextToken { get; init; }
}

public sealed record MetricFilter
{
    public string? FilterName { get; init; }

    public string? FilterPattern { get; init; }

    public IReadOnlyList<MetricTransformation>? MetricTransformations { get; init; }

    /// <summary>Milliseconds since the epoch.</summary>
    public long? CreationTime { get; init; }

    public string? LogGroupName { get; init; }
}

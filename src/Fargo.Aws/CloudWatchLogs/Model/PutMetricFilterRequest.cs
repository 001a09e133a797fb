namespace Fargo.Aws.CloudWatchLogs;

public sealed record PutMetricFilterRequest
{
    public required string LogGroupName { get; init; }

    public required string FilterName { get; init; }

    public required string FilterPattern { get; init; }

    public required IReadOnlyList<MetricTransformation> MetricTransformations { get; init; }
}

/// <summary>How matching events become a CloudWatch metric.</summary>
public sealed record MetricTransformation
{
    public required string MetricName { get; init; }

    public required string MetricNamespace { get; init; }

    public required string MetricValue { get; init; }

    public double? DefaultValue { get; init; }

    public IReadOnlyDictionary<string, string>? Dimensions { get; init; }

    public StandardUnit? Unit { get; init; }
}

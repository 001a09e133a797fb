using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record LogGroup
{
    public string? LogGroupName { get; init; }

    public long? CreationTime { get; init; }

    public int? RetentionInDays { get; init; }

    public int? MetricFilterCount { get; init; }

    public string? Arn { get; init; }

    public long? StoredBytes { get; init; }

    public string? KmsKeyId { get; init; }

    public DataProtectionStatus? DataProtectionStatus { get; init; }

    public IReadOnlyList<string>? InheritedProperties { get; init; }

    public string? LogGroupClass { get; init; }

    public string? LogGroupArn { get; init; }
}

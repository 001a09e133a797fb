using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record ScalingPolicy
{
    public required string PolicyARN { get; init; }

    public required string PolicyName { get; init; }

    public required ServiceNamespace ServiceNamespace { get; init; }

    public required string ResourceId { get; init; }

    public required ScalableDimension ScalableDimension { get; init; }

    public required PolicyType PolicyType { get; init; }

    public StepScalingPolicyConfiguration? StepScalingPolicyConfiguration { get; init; }

    public TargetTrackingScalingPolicyConfiguration? TargetTrackingScalingPolicyConfiguration { get; init; }

    public IReadOnlyList<Alarm>? Alarms { get; init; }

    public required DateTimeOffset CreationTime { get; init; }
}

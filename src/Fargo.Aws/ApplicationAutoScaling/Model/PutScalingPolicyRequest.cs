using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record PutScalingPolicyRequest
{
    public required string PolicyName { get; init; }

    public required ServiceNamespace ServiceNamespace { get; init; }

    public required string ResourceId { get; init; }

    public required ScalableDimension ScalableDimension { get; init; }

    public PolicyType? PolicyType { get; init; }

    public StepScalingPolicyConfiguration? StepScalingPolicyConfiguration { get; init; }

    public TargetTrackingScalingPolicyConfiguration? TargetTrackingScalingPolicyConfiguration { get; init; }
}

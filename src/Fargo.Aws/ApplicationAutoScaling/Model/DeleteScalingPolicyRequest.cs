using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record DeleteScalingPolicyRequest
{
    public required string PolicyName { get; init; }

    public required ServiceNamespace ServiceNamespace { get; init; }

    public required string ResourceId { get; init; }

    public required ScalableDimension ScalableDimension { get; init; }
}

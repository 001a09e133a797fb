using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record DescribeScalingPoliciesResponse
{
    public IReadOnlyList<ScalingPolicy>? ScalingPolicies { get; init; }

    public string? NextToken { get; init; }
}

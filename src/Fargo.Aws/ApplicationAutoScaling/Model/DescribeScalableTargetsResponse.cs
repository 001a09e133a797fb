using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record DescribeScalableTargetsResponse
{
    public IReadOnlyList<ScalableTarget>? ScalableTargets { get; init; }

    public string? NextToken { get; init; }
}

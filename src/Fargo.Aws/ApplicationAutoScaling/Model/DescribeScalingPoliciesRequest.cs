using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record DescribeScalingPoliciesRequest
{
    public IReadOnlyList<string>? PolicyNames { get; init; }

    public required ServiceNamespace ServiceNamespace { get; init; }

    public string? ResourceId { get; init; }

    public ScalableDimension? ScalableDimension { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

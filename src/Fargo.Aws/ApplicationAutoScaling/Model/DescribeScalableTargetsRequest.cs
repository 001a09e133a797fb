using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record DescribeScalableTargetsRequest
{
    public required ServiceNamespace ServiceNamespace { get; init; }

    public IReadOnlyList<string>? ResourceIds { get; init; }

    public ScalableDimension? ScalableDimension { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

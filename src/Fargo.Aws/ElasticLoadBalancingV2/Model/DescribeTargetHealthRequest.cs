using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DescribeTargetHealthRequest
{
    public required string TargetGroupArn { get; init; }

    public IReadOnlyList<TargetDescription>? Targets { get; init; }

    public IReadOnlyList<string>? Include { get; init; }
}

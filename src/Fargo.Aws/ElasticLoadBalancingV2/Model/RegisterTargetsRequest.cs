using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record RegisterTargetsRequest
{
    public required string TargetGroupArn { get; init; }

    public required IReadOnlyList<TargetDescription> Targets { get; init; }
}

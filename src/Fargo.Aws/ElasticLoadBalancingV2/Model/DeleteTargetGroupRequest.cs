using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DeleteTargetGroupRequest
{
    public required string TargetGroupArn { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record DeleteLoadBalancerRequest
{
    public required string LoadBalancerArn { get; init; }
}

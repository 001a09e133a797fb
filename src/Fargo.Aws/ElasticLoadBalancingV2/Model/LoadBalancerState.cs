using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record LoadBalancerState
{
    public LoadBalancerStateCode? Code { get; init; }

    public string? Reason { get; init; }
}

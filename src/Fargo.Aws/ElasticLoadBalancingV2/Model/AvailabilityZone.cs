using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record AvailabilityZone
{
    public string? ZoneName { get; init; }

    public string? SubnetId { get; init; }

    public string? OutpostId { get; init; }

    public IReadOnlyList<LoadBalancerAddress>? LoadBalancerAddresses { get; init; }
}

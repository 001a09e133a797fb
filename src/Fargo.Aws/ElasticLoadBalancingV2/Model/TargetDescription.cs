using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record TargetDescription
{
    public required string Id { get; init; }

    public int? Port { get; init; }

    public string? AvailabilityZone { get; init; }
}

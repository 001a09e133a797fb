using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record TargetGroupAttribute
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}

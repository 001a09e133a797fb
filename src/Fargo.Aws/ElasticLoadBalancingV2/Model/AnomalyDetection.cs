using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record AnomalyDetection
{
    public string? Result { get; init; }

    public string? MitigationInEffect { get; init; }
}

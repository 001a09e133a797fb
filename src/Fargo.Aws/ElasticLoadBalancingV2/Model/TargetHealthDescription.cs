using System.Text.Json.Serialization;

namespace Fargo.Aws.ElasticLoadBalancingV2;

public sealed record TargetHealthDescription
{
    public TargetDescription? Target { get; init; }

    public string? HealthCheckPort { get; init; }

    public TargetHealth? TargetHealth { get; init; }

    public AnomalyDetection? AnomalyDetection { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.ApplicationAutoScaling;

public sealed record TargetTrackingScalingPolicyConfiguration
{
    public required double TargetValue { get; init; }

    public PredefinedMetricSpecification? PredefinedMetricSpecification { get; init; }

    public CustomizedMetricSpecification? CustomizedMetricSpecification { get; init; }

    public int? ScaleOutCooldown { get; init; }

    public int? ScaleInCooldown { get; init; }

    public bool? DisableScaleIn { get; init; }
}

using Fargo.Aws.ApplicationAutoScaling;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Operations;

/// <summary>A service's autoscaling as Application Auto Scaling has it: the range, the policies and the latest activity.</summary>
public sealed record ScalingView(int Min, int Max, bool ScaleOutSuspended, bool ScaleInSuspended, IReadOnlyList<ScalingPolicyView> Policies, ScalingActivityView? LastActivity);

/// <summary>One target tracking policy: what it tracks, towards which value, and its cooldowns (null: AWS's default).</summary>
public sealed record ScalingPolicyView(string Name, string Type, string? Metric, double? Target, int? ScaleOutCooldown, int? ScaleInCooldown, bool ScaleInDisabled);

/// <summary>One scaling activity, in Application Auto Scaling's words.</summary>
public sealed record ScalingActivityView(DateTimeOffset Start, string Description, string Cause, string Status);

/// <summary>Reads a service's scaling state through Application Auto Scaling, on AWS and on the local region alike.</summary>
public static class ServiceScalingReader
{
    /// <summary>The service's scaling, or null when it has no scalable target (or the environment's clients have no Application Auto Scaling).</summary>
    public static async Task<ScalingView?> ReadAsync(DeployTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.Apis.Scaling is not { } scaling)
        {
            return null;
        }

        var resourceId = $"service/{target.Spec.Cluster}/{target.Spec.Service}";
        var targets = await scaling.DescribeScalableTargetsAsync(new DescribeScalableTargetsRequest
        {
            ServiceNamespace = ServiceNamespace.Ecs,
            ResourceIds = [resourceId],
            ScalableDimension = ScalableDimension.EcsServiceDesiredCount,
        }, cancellationToken).ConfigureAwait(false);
        if (targets.ScalableTargets.Head() is not { } scalable)
        {
            return null;
        }

        var policies = await scaling.DescribeScalingPoliciesAsync(new DescribeScalingPoliciesRequest
        {
            ServiceNamespace = ServiceNamespace.Ecs,
            ResourceId = resourceId,
            ScalableDimension = ScalableDimension.EcsServiceDesiredCount,
        }, cancellationToken).ConfigureAwait(false);
        var activities = await scaling.DescribeScalingActivitiesAsync(new DescribeScalingActivitiesRequest
        {
            ServiceNamespace = ServiceNamespace.Ecs,
            ResourceId = resourceId,
            ScalableDimension = ScalableDimension.EcsServiceDesiredCount,
            MaxResults = 1,
        }, cancellationToken).ConfigureAwait(false);
        var last = activities.ScalingActivities.Head();
        return new ScalingView(
            scalable.MinCapacity,
            scalable.MaxCapacity,
            scalable.SuspendedState?.DynamicScalingOutSuspended == true,
            scalable.SuspendedState?.DynamicScalingInSuspended == true,
            [.. (policies.ScalingPolicies ?? []).Select(View)],
            last is null ? null : new ScalingActivityView(last.StartTime, last.Description, last.Cause, last.StatusCode.Value));
    }

    private static ScalingPolicyView View(ScalingPolicy policy)
    {
        var tracking = policy.TargetTrackingScalingPolicyConfiguration;
        return new ScalingPolicyView(
            policy.PolicyName,
            policy.PolicyType.Value,
            tracking?.PredefinedMetricSpecification?.PredefinedMetricType.Value ?? (tracking?.CustomizedMetricSpecification is null ? null : "custom"),
            tracking?.TargetValue,
            tracking?.ScaleOutCooldown,
            tracking?.ScaleInCooldown,
            tracking?.DisableScaleIn == true);
    }
}

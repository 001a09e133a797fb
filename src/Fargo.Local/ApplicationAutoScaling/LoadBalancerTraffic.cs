using Fargo.Local.LoadBalancing;

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>The local load balancer's request counters, for ALBRequestCountPerTarget.</summary>
internal sealed class LoadBalancerTraffic(ElbControlPlane elb) : ITargetGroupTraffic
{
    public async Task<TargetGroupTraffic?> TrafficAsync(string resourceLabel, CancellationToken cancellationToken) =>
        await elb.TrafficAsync(resourceLabel, cancellationToken).ConfigureAwait(false) is { } traffic
            ? new TargetGroupTraffic(traffic.Requests, traffic.HealthyTargets)
            : null;
}

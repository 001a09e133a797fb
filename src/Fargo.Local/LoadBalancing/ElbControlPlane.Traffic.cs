namespace Fargo.Local.LoadBalancing;

/// <summary>What the autoscaler reads for ALBRequestCountPerTarget: a target group's request counter and healthy targets.</summary>
public sealed partial class ElbControlPlane
{
    /// <summary>
    /// Requests routed so far and healthy targets now of the target group whose full name ("targetgroup/NAME/ID") ends
    /// <paramref name="resourceLabel"/> (app/LB/ID/targetgroup/NAME/ID, as a policy's ResourceLabel names it); null when none does.
    /// </summary>
    public async Task<(long Requests, int HealthyTargets)?> TrafficAsync(string resourceLabel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resourceLabel);
        var at = resourceLabel.IndexOf("/targetgroup/", StringComparison.Ordinal);
        if (at < 0)
        {
            return null;
        }

        var suffix = ":" + resourceLabel[(at + 1)..];
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _groups.Values.FirstOrDefault(g => g.Arn.EndsWith(suffix, StringComparison.Ordinal)) is { } group
                ? (group.RequestCount, group.HealthyTargetCount)
                : null;
        }
        finally
        {
            _mutex.Release();
        }
    }
}

using Fargo.Aws.Ecs;
using Fargo.Config.Model;

namespace Fargo.Deploy.Deploying;

/// <summary>
/// Who owns a service's desired count. The service stack creates the service at 0 (before the first deploy there is
/// no image to run) and never sets the count again; the first deploy, and any deploy that finds the service at 0,
/// brings it to the configuration's count (the autoscaling minimum when it autoscales); from then on `fargo scale`
/// and the autoscaler own it, and deploys leave it alone. Written down in the README ("Who owns the desired count").
/// </summary>
public static class DesiredCountOwnership
{
    /// <summary>How many tasks the configuration wants running: the fixed count, or the autoscaling minimum.</summary>
    public static int ConfiguredCount(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return settings.Scaling.IsAutoscaled ? settings.Scaling.Min : settings.Scaling.Count;
    }

    /// <summary>The count a deploy sets: the configured one when the service sits at 0 and the configuration wants tasks; else null (leave it).</summary>
    public static int? StartCount(ServiceSettings settings, Service service)
    {
        ArgumentNullException.ThrowIfNull(service);
        var wanted = ConfiguredCount(settings);
        return service.DesiredCount == 0 && wanted > 0 ? wanted : null;
    }
}

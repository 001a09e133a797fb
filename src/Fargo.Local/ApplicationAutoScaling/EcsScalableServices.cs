using Fargo.Aws.Ecs;
using Fargo.Local.Ecs;

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>The local ECS as Application Auto Scaling sees it; the desired count changes through UpdateService, as on AWS.</summary>
internal sealed class EcsScalableServices(EcsControlPlane ecs) : IScalableServices
{
    public ScalableService? Find(string cluster, string service) => ecs.FindScalable(cluster, service);

    public void SetDesiredCount(string cluster, string service, int desiredCount) =>
        ecs.UpdateService(new UpdateServiceRequest { Cluster = cluster, Service = service, DesiredCount = desiredCount });
}

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>One running task of a service as the autoscaler measures it: its processes (by process group) and what it reserved.</summary>
/// <param name="TaskId">The ECS task id.</param>
/// <param name="ProcessGroups">The process groups of its running containers (each container runs in a group of its own).</param>
/// <param name="CpuUnits">The task's cpu units (1024 = one core).</param>
/// <param name="MemoryMiB">The task's memory in MiB.</param>
internal sealed record RunningTaskUsage(string TaskId, IReadOnlyList<int> ProcessGroups, double CpuUnits, double MemoryMiB);

/// <summary>An ECS service as a scalable target sees it: its desired count and its running tasks.</summary>
internal sealed record ScalableService(int DesiredCount, IReadOnlyList<RunningTaskUsage> RunningTasks);

/// <summary>The ECS services Application Auto Scaling scales: what they run, and setting their desired count through UpdateService.</summary>
internal interface IScalableServices
{
    /// <summary>The ACTIVE service, or null when the cluster or service does not exist (or is not ACTIVE).</summary>
    ScalableService? Find(string cluster, string service);

    void SetDesiredCount(string cluster, string service, int desiredCount);
}

/// <summary>Requests routed to a target group so far, and its healthy targets now.</summary>
internal sealed record TargetGroupTraffic(long Requests, int HealthyTargets);

/// <summary>What the load balancer tells the autoscaler for ALBRequestCountPerTarget.</summary>
internal interface ITargetGroupTraffic
{
    /// <summary>
    /// The traffic of the target group a policy's ResourceLabel names (app/LB/ID/targetgroup/TG/ID), or null when no
    /// target group has that name.
    /// </summary>
    Task<TargetGroupTraffic?> TrafficAsync(string resourceLabel, CancellationToken cancellationToken);
}

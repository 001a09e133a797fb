using System.Globalization;
using Fargo.Local.ApplicationAutoScaling;

namespace Fargo.Local.Ecs;

/// <summary>What Application Auto Scaling reads of a service: its desired count and its running tasks' processes and reservations.</summary>
internal sealed partial class EcsControlPlane
{
    public ScalableService? FindScalable(string clusterName, string serviceName) => Locked(() =>
    {
        if (!_store.Clusters.TryGetValue(clusterName, out var cluster) || cluster.Status != "ACTIVE"
            || FindService(cluster, serviceName) is not { Status: "ACTIVE" } service)
        {
            return null;
        }

        var running = TasksOf(service)
            .Where(t => t.LastStatus == TaskStatuses.Running && t.DesiredStatus == TaskStatuses.Running)
            .Select(t =>
            {
                var definition = _store.TaskDefinitions.GetValueOrDefault(t.TaskDefinitionArn)?.Definition;
                return new RunningTaskUsage(
                    t.Id,
                    [.. t.Containers.Where(c => c.ProcessId is not null && !c.Exited).Select(c => c.ProcessId!.Value)],
                    Number(t.Cpu ?? definition?.Cpu, 256),
                    Number(t.Memory ?? definition?.Memory, 512));
            })
            .ToList();
        return new ScalableService(service.DesiredCount, running);
    });

    private static double Number(string? text, double fallback) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : fallback;
}

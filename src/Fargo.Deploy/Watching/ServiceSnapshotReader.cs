using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Watching;

/// <summary>
/// Takes a <see cref="ServiceSnapshot"/>: DescribeServices, the service's live tasks and the stopped tasks of one
/// deployment (or of the service), DescribeTasks, and DescribeTargetHealth of each target group the service uses.
/// </summary>
public static class ServiceSnapshotReader
{
    private const int DescribeTasksLimit = 100;

    /// <summary>A look at the service; stopped tasks are those <paramref name="deploymentId"/> started, or the service's recent ones.</summary>
    public static async Task<ServiceSnapshot> ReadAsync(DeployTarget target, string? deploymentId, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var ecs = target.Apis.Ecs;
        var spec = target.Spec;
        var described = await ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = spec.Cluster, Services = [spec.Service] }, cancellationToken);
        var service = described.Services is { Count: > 0 } services ? services[0] : null;
        if (service is null || service.Status == "INACTIVE")
        {
            return new ServiceSnapshot(at, service, [], []);
        }

        var arns = new List<string>();
        arns.AddRange(await ListAsync(ecs, new ListTasksRequest { Cluster = spec.Cluster, ServiceName = spec.Service, DesiredStatus = DesiredStatus.Running }, pages: 5, cancellationToken));
        var stopped = deploymentId is not null
            ? new ListTasksRequest { Cluster = spec.Cluster, StartedBy = deploymentId, DesiredStatus = DesiredStatus.Stopped }
            : new ListTasksRequest { Cluster = spec.Cluster, ServiceName = spec.Service, DesiredStatus = DesiredStatus.Stopped };
        arns.AddRange(await ListAsync(ecs, stopped, pages: 1, cancellationToken));

        var tasks = await DescribeTasksAsync(ecs, spec.Cluster, arns.Distinct(StringComparer.Ordinal).ToList(), cancellationToken);
        var targets = new List<TargetHealthDescription>();
        foreach (var targetGroup in (service.LoadBalancers ?? []).Select(l => l.TargetGroupArn).OfType<string>().Distinct(StringComparer.Ordinal))
        {
            var health = await target.Apis.Elb.DescribeTargetHealthAsync(new DescribeTargetHealthRequest { TargetGroupArn = targetGroup }, cancellationToken);
            targets.AddRange(health.TargetHealthDescriptions ?? []);
        }

        return new ServiceSnapshot(at, service, tasks, targets);
    }

    /// <summary>DescribeTasks for any number of tasks, 100 at a time as ECS allows.</summary>
    public static async Task<IReadOnlyList<EcsTask>> DescribeTasksAsync(Fargo.Deploy.Aws.IEcsApi ecs, string cluster, IReadOnlyList<string> arns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecs);
        var tasks = new List<EcsTask>();
        foreach (var chunk in arns.Chunk(DescribeTasksLimit))
        {
            var response = await ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = cluster, Tasks = chunk }, cancellationToken);
            tasks.AddRange(response.Tasks ?? []);
        }

        return tasks;
    }

    private static async Task<List<string>> ListAsync(Fargo.Deploy.Aws.IEcsApi ecs, ListTasksRequest request, int pages, CancellationToken cancellationToken)
    {
        var arns = new List<string>();
        for (var page = 0; page < pages; page++)
        {
            var response = await ecs.ListTasksAsync(request, cancellationToken);
            arns.AddRange(response.TaskArns ?? []);
            if (response.NextToken is null)
            {
                break;
            }

            request = request with { NextToken = response.NextToken };
        }

        return arns;
    }
}

using Fargo.Aws;
using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Config.Model;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Operations;

/// <summary>
/// `fargo status`: the service, its deployments, tasks, target health, URL, recent events, its autoscaling (null:
/// none) and its reports (null: no reports bucket).
/// </summary>
public sealed record ServiceStatusReport(
    string Service,
    string Cluster,
    string Environment,
    string Status,
    string TaskDefinition,
    int Revision,
    string? Image,
    int Desired,
    int Running,
    int Pending,
    bool Steady,
    string? Url,
    IReadOnlyList<DeploymentView> Deployments,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<TargetView> Targets,
    IReadOnlyList<ServiceEvent> Events,
    ScalingView? Scaling)
{
    public ReportsView? Reports { get; init; }
}

/// <summary>
/// Where the reports bucket is served: its CloudFront URL (REPORTS_URL, as the service stack sets it) and, on the
/// local region, the loopback URL the local distribution answers at (null on AWS).
/// </summary>
public sealed record ReportsView(string Url, string? LocalUrl);

public static class ServiceStatusReader
{
    private const int RecentEvents = 10;

    public static async Task<ServiceStatusReport> ReadAsync(DeployTarget target, IClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(clock);
        var service = await ServiceLookup.RequireAsync(target, cancellationToken);
        var primary = Deployer.PrimaryOf(service);
        var now = clock.UtcNow;
        var snapshot = await ServiceSnapshotReader.ReadAsync(target, null, now, cancellationToken);
        // The judge's views, with a goal that is simply "what the service runs now".
        var view = RolloutJudge.Observe(
            RolloutJudge.Start(new RolloutGoal(service.TaskDefinition ?? "", primary?.Id, now.AddDays(-1), TimeSpan.FromDays(365))),
            snapshot);
        var container = await ContainerOfAsync(target, service.TaskDefinition, cancellationToken);
        var url = await UrlResolver.ResolveAsync(target, snapshot.Service ?? service, cancellationToken);
        return new ServiceStatusReport(
            target.Spec.Service,
            target.Spec.Cluster,
            target.Environment.Name,
            service.Status ?? "",
            service.TaskDefinition ?? "",
            EcsNames.Revision(service.TaskDefinition),
            container?.Image,
            service.DesiredCount,
            service.RunningCount,
            service.PendingCount,
            service.TaskDefinition is { } arn && Deployer.IsSteadyOn(service, arn),
            url,
            view.Deployments,
            [.. view.Tasks.Where(t => t.DesiredStatus == "RUNNING" || t.LastStatus != "STOPPED")],
            view.Targets,
            [.. (service.Events ?? []).Take(RecentEvents)],
            await ServiceScalingReader.ReadAsync(target, cancellationToken))
        {
            Reports = (container?.Environment ?? []).FirstOrDefault(v => v.Name == "REPORTS_URL")?.Value is { Length: > 0 } reports
                ? new ReportsView(reports, null)
                : null,
        };
    }

    /// <summary>The image of the service's container in a task definition.</summary>
    public static async Task<string?> ImageOfAsync(DeployTarget target, string? taskDefinition, CancellationToken cancellationToken) =>
        (await ContainerOfAsync(target, taskDefinition, cancellationToken))?.Image;

    /// <summary>The service's container in a task definition.</summary>
    private static async Task<ContainerDefinition?> ContainerOfAsync(DeployTarget target, string? taskDefinition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (taskDefinition is null)
        {
            return null;
        }

        var described = await target.Apis.Ecs.DescribeTaskDefinitionAsync(new DescribeTaskDefinitionRequest { TaskDefinition = taskDefinition }, cancellationToken);
        var containers = described.TaskDefinition?.ContainerDefinitions ?? [];
        return containers.FirstOrDefault(c => c.Name == target.Spec.ContainerName) ?? containers.Head();
    }
}

/// <summary>Where people reach the service: its domain, or its load balancer's listener.</summary>
public static class UrlResolver
{
    public static async Task<string?> ResolveAsync(DeployTarget target, Service service, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(service);
        var path = PathOf(target);
        if (!target.Environment.IsLocal && HostOf(target) is { } host)
        {
            return $"https://{host}{path}";
        }

        var targetGroup = (service.LoadBalancers ?? []).Select(l => l.TargetGroupArn).OfType<string>().FirstOrDefault();
        if (targetGroup is null)
        {
            return null;
        }

        try
        {
            var group = (await target.Apis.Elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { TargetGroupArns = [targetGroup] }, cancellationToken)).TargetGroups.Head();
            var loadBalancer = group?.LoadBalancerArns.Head();
            if (loadBalancer is null)
            {
                return null;
            }

            var listeners = (await target.Apis.Elb.DescribeListenersAsync(new DescribeListenersRequest { LoadBalancerArn = loadBalancer }, cancellationToken)).Listeners ?? [];
            var listener = listeners.FirstOrDefault(l => (l.DefaultActions ?? []).Any(a => a.TargetGroupArn == targetGroup)) ?? listeners.Head();
            var balancer = (await target.Apis.Elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = [loadBalancer] }, cancellationToken)).LoadBalancers.Head();
            if (target.Environment.IsLocal)
            {
                return LocalUrl(target, balancer, listeners, listener, path);
            }

            if (balancer?.DNSName is not { } dns)
            {
                return null;
            }

            var https = listeners.Any(l => l.Protocol == ProtocolName.Https);
            return https ? $"https://{dns}{path}" : $"http://{dns}{(listener?.Port is { } p && p != 80 ? $":{p}" : "")}{path}";
        }
        catch (AwsServiceException e) when (e.Code is "TargetGroupNotFound" or "LoadBalancerNotFound" or "ListenerNotFound")
        {
            return null;
        }
    }

    /// <summary>
    /// The local load balancer's own loopback address (DescribeLoadBalancers' LoadBalancerAddresses) and the port its
    /// HTTPS listener, else the service's listener, is served on (a privileged port P on 10000 + P); with a domain, the
    /// domain (its host-header rule wants it: curl needs --resolve, see <see cref="LocalCurlHint"/>).
    /// </summary>
    private static string? LocalUrl(DeployTarget target, Fargo.Aws.ElasticLoadBalancingV2.LoadBalancer? balancer, IReadOnlyList<Listener> listeners, Listener? listener, string path)
    {
        var https = listeners.FirstOrDefault(l => l.Protocol == ProtocolName.Https);
        var chosen = https ?? listener;
        if (chosen?.Port is not { } port)
        {
            return null;
        }

        var host = HostOf(target) ?? LocalAddressOf(balancer);
        return $"{(https is null ? "http" : "https")}://{host}:{LocalRegionIdentity.ServedPort(port)}{path}";
    }

    /// <summary>The host the service's listener rule matches ([http] host, by default the domain), or null for any host.</summary>
    private static string? HostOf(DeployTarget target) => target.Spec.Settings?.Http.Host;

    /// <summary>Where under that host the service answers: "/", or its [http] path prefix ("/api/").</summary>
    private static string PathOf(DeployTarget target) =>
        target.Spec.Settings?.Http is { IsEveryPath: false } route ? route.Path + "/" : "/";

    /// <summary>Where a local load balancer is served: the address DescribeLoadBalancers shows (127.0.0.1 for state from before addresses).</summary>
    public static string LocalAddressOf(Fargo.Aws.ElasticLoadBalancingV2.LoadBalancer? balancer) =>
        (balancer?.AvailabilityZones ?? []).SelectMany(z => z.LoadBalancerAddresses ?? []).Select(a => a.IpAddress).OfType<string>().FirstOrDefault() ?? "127.0.0.1";

    /// <summary>
    /// How to reach a local URL with curl when its host is a domain (the host-header rule needs it) or it is HTTPS (the
    /// certificate): null when a plain `curl URL` works. With a domain, the stack's certificate is issued by the local
    /// region's certificate authority, whose root is <paramref name="certificateAuthorityFile"/>.
    /// </summary>
    public static async Task<string?> LocalCurlHint(DeployTarget target, string url, string certificateAuthorityFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var uri = new Uri(url);
        var domain = HostOf(target);
        if (string.IsNullOrEmpty(domain) && uri.Scheme == Uri.UriSchemeHttp)
        {
            return null;
        }

        var balancer = target.Spec.LoadBalancer is { } name
            ? (await target.Apis.Elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { Names = [name] }, cancellationToken)).LoadBalancers.Head()
            : null;
        var resolve = string.IsNullOrEmpty(domain) ? "" : $" --resolve {domain}:{uri.Port}:{LocalAddressOf(balancer)}";
        var certificate = uri.Scheme != Uri.UriSchemeHttps ? ""
            : string.IsNullOrEmpty(domain) ? " -k (the development certificate)" : $" --cacert {certificateAuthorityFile}";
        return $"curl{resolve}{certificate} {url}";
    }
}

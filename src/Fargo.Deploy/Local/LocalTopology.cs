using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Fargo.Aws;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.Ssm;
using Fargo.Config.Model;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Targets;
using EcsLoadBalancer = Fargo.Aws.Ecs.LoadBalancer;
using ElbTag = Fargo.Aws.ElasticLoadBalancingV2.Tag;

namespace Fargo.Deploy.Local;

/// <summary>What `fargo up` provisioned on the local region.</summary>
/// <param name="TargetGroupArn">The service's target group.</param>
/// <param name="ListenerPort">The port of the listener that forwards to it, on 127.0.0.1.</param>
/// <param name="Database">The database, when the service has one.</param>
/// <param name="GeneratedSecrets">Parameters named under [secrets] that did not exist and were given generated values.</param>
public sealed record LocalTopologyResult(string TargetGroupArn, int ListenerPort, LocalDatabase? Database, IReadOnlyList<string> GeneratedSecrets)
{
    public Uri Url => new($"http://127.0.0.1:{ListenerPort.ToString(CultureInfo.InvariantCulture)}/");
}

/// <summary>
/// The service's topology on the local region, through the same APIs an AWS account offers (plus Fargo's CreateDatabase):
/// cluster, ECR repository, log group, database and parameters, load balancer, target group and listener. Idempotent:
/// `fargo up` runs it every time and only creates what is missing. `fargo down` takes it away again.
/// </summary>
public static class LocalTopology
{
    /// <summary>Listener ports are tried from here: each service gets the same port every time, as long as it is free.</summary>
    private const int FirstStablePort = 20000;
    private const int StablePortRange = 10000;

    public static async Task<LocalTopologyResult> ProvisionAsync(DeployTarget target, ILocalDatabases databases, IProgress<DeployProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(databases);
        var settings = RequireLocal(target);
        var spec = target.Spec;
        var apis = target.Apis;

        await apis.Ecs.CreateClusterAsync(new CreateClusterRequest { ClusterName = spec.Cluster }, cancellationToken);
        progress.Step($"Cluster {spec.Cluster}");

        try
        {
            await apis.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = spec.Repository! }, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Code == "RepositoryAlreadyExistsException")
        {
            // There from an earlier `fargo up`.
        }

        progress.Step($"ECR repository {spec.Repository}");

        try
        {
            await apis.Logs.CreateLogGroupAsync(new CreateLogGroupRequest { LogGroupName = spec.LogGroup }, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Code == "ResourceAlreadyExistsException")
        {
            // Kept from an earlier run: its events stay readable with `fargo logs`.
        }

        await apis.Logs.PutRetentionPolicyAsync(new PutRetentionPolicyRequest { LogGroupName = spec.LogGroup, RetentionInDays = settings.Logs.RetentionDays }, cancellationToken);
        progress.Step($"Log group {spec.LogGroup} ({settings.Logs.RetentionDays} days)");

        LocalDatabase? database = null;
        if (settings.Database is { } wanted)
        {
            database = await databases.EnsureAsync(wanted.Name, spec.SecretsPath, cancellationToken);
            progress.Step($"PostgreSQL {database.Database} on {database.Host}:{database.Port} (DB_* parameters under {spec.SecretsPath})");
        }

        var generated = await EnsureExplicitSecretsAsync(apis.Ssm, settings, cancellationToken);
        foreach (var name in generated)
        {
            progress.Step($"Parameter {name} did not exist: created it with a generated value (set your own with `fargo secret set`, or put-parameter)");
        }

        var loadBalancer = await EnsureLoadBalancerAsync(apis.Elb, spec.LoadBalancer!, cancellationToken);
        var targetGroup = await EnsureTargetGroupAsync(apis.Elb, settings, cancellationToken);
        var port = await EnsureListenerAsync(apis.Elb, loadBalancer, targetGroup, spec.Service, cancellationToken);
        progress.Step($"Load balancer {spec.LoadBalancer}: listener 127.0.0.1:{port} → target group {spec.TargetGroup}");
        return new LocalTopologyResult(targetGroup, port, database, generated);
    }

    /// <summary>The service as `fargo up` creates it the first time: behind the target group, with fargo.toml's deployment settings.</summary>
    public static CreateServiceRequest CreateServiceRequest(DeployTarget target, string taskDefinitionArn, string targetGroupArn)
    {
        ArgumentNullException.ThrowIfNull(target);
        var settings = RequireLocal(target);
        return new CreateServiceRequest
        {
            Cluster = target.Spec.Cluster,
            ServiceName = target.Spec.Service,
            TaskDefinition = taskDefinitionArn,
            DesiredCount = settings.Scaling.IsAutoscaled ? settings.Scaling.Min : settings.Scaling.Count,
            LaunchType = LaunchType.Fargate,
            LoadBalancers = [new EcsLoadBalancer { TargetGroupArn = targetGroupArn, ContainerName = target.Spec.ContainerName, ContainerPort = target.Spec.Port }],
            HealthCheckGracePeriodSeconds = (int)settings.Health.GracePeriod.TotalSeconds,
            DeploymentConfiguration = new DeploymentConfiguration
            {
                MinimumHealthyPercent = settings.Deploy.MinHealthyPercent,
                MaximumPercent = settings.Deploy.MaxPercent,
                DeploymentCircuitBreaker = new DeploymentCircuitBreaker { Enable = settings.Deploy.CircuitBreaker, Rollback = settings.Deploy.CircuitBreaker && settings.Deploy.Rollback },
            },
            SchedulingStrategy = SchedulingStrategy.Replica,
            DeploymentController = new DeploymentController { Type = DeploymentControllerType.Ecs },
        };
    }

    /// <summary>
    /// Removes the service and its load balancing, and stops its database (keeping its data unless
    /// <paramref name="deleteData"/>). The log group, the images and the parameters stay: the next `fargo up` finds
    /// the same secrets and the same data.
    /// </summary>
    public static async Task DeprovisionAsync(DeployTarget target, ILocalDatabases databases, bool deleteData, TimeSpan drainTimeout, IProgress<DeployProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(databases);
        var settings = RequireLocal(target);
        var spec = target.Spec;
        var apis = target.Apis;

        if (await DeleteServiceAsync(apis.Ecs, spec, cancellationToken))
        {
            progress.Step($"Deleting service {spec.Service}: stopping its tasks");
            await WaitForServiceGoneAsync(apis.Ecs, spec, drainTimeout, cancellationToken);
            progress.Step($"Service {spec.Service} deleted");
        }

        var targetGroup = await FindTargetGroupAsync(apis.Elb, spec.TargetGroup!, cancellationToken);
        var loadBalancer = await FindLoadBalancerAsync(apis.Elb, spec.LoadBalancer!, cancellationToken);
        if (loadBalancer is not null)
        {
            var listeners = (await apis.Elb.DescribeListenersAsync(new DescribeListenersRequest { LoadBalancerArn = loadBalancer }, cancellationToken)).Listeners ?? [];
            var mine = listeners.Where(l => targetGroup is not null && ForwardsTo(l, targetGroup)).ToList();
            foreach (var listener in mine)
            {
                await apis.Elb.DeleteListenerAsync(new DeleteListenerRequest { ListenerArn = listener.ListenerArn! }, cancellationToken);
                progress.Step($"Listener 127.0.0.1:{listener.Port} deleted");
            }

            if (listeners.Count == mine.Count)
            {
                await apis.Elb.DeleteLoadBalancerAsync(new DeleteLoadBalancerRequest { LoadBalancerArn = loadBalancer }, cancellationToken);
                progress.Step($"Load balancer {spec.LoadBalancer} deleted (no other service used it)");
            }
        }

        if (targetGroup is not null)
        {
            await apis.Elb.DeleteTargetGroupAsync(new DeleteTargetGroupRequest { TargetGroupArn = targetGroup }, cancellationToken);
            progress.Step($"Target group {spec.TargetGroup} deleted");
        }

        if (settings.Database is { } database && await databases.DeleteAsync(database.Name, deleteData, cancellationToken))
        {
            progress.Step(deleteData ? $"Database {database.Name} deleted with its data (--volumes)" : $"Database {database.Name} stopped; its data is kept for the next `fargo up`");
        }

        var cluster = (await apis.Ecs.DescribeClustersAsync(new DescribeClustersRequest { Clusters = [spec.Cluster] }, cancellationToken)).Clusters?
            .FirstOrDefault(c => c.Status == "ACTIVE");
        if (cluster is { ActiveServicesCount: 0, RunningTasksCount: 0, PendingTasksCount: 0 })
        {
            await apis.Ecs.DeleteClusterAsync(new DeleteClusterRequest { Cluster = spec.Cluster }, cancellationToken);
            progress.Step($"Cluster {spec.Cluster} deleted (no other service was in it)");
        }
    }

    private static ServiceSettings RequireLocal(DeployTarget target)
    {
        if (!target.Environment.IsLocal || target.Spec.Settings is not { } settings)
        {
            throw new DeployUsageException(
                "`fargo up` and `fargo down` manage the local region's topology; AWS environments get theirs from `fargo infra up`.",
                "Leave out --env (or pass --env local); for AWS run `fargo infra up --env E`, then `fargo deploy --env E --version V`.");
        }

        return settings;
    }

    /// <summary>
    /// [secrets] entries that name parameters of this region which do not exist get a generated value: on this machine a
    /// missing secret would only stop every task from starting, and a random value is what a fresh environment needs.
    /// </summary>
    private static async Task<IReadOnlyList<string>> EnsureExplicitSecretsAsync(Fargo.Deploy.Aws.ISsmApi ssm, ServiceSettings settings, CancellationToken cancellationToken)
    {
        var names = settings.Secrets.Explicit.Values
            .Where(reference => !reference.StartsWith("arn:", StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            return [];
        }

        var generated = new List<string>();
        foreach (var chunk in names.Chunk(10))
        {
            var found = await ssm.GetParametersAsync(new GetParametersRequest { Names = chunk, WithDecryption = false }, cancellationToken);
            foreach (var missing in found.InvalidParameters ?? [])
            {
                await ssm.PutParameterAsync(new PutParameterRequest
                {
                    Name = missing,
                    Value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)),
                    Type = ParameterType.SecureString,
                    Description = "Generated by fargo up for the local region",
                }, cancellationToken);
                generated.Add(missing);
            }
        }

        return generated;
    }

    private static async Task<string> EnsureLoadBalancerAsync(Fargo.Deploy.Aws.IElbApi elb, string name, CancellationToken cancellationToken)
    {
        if (await FindLoadBalancerAsync(elb, name, cancellationToken) is { } existing)
        {
            return existing;
        }

        var created = await elb.CreateLoadBalancerAsync(new CreateLoadBalancerRequest
        {
            Name = name,
            Scheme = LoadBalancerScheme.InternetFacing,
            Type = LoadBalancerType.Application,
            Tags = [new ElbTag { Key = "fargo:environment", Value = "local" }],
        }, cancellationToken);
        return created.LoadBalancers.Head()?.LoadBalancerArn ?? throw new DeployException($"CreateLoadBalancer returned no load balancer for {name}.");
    }

    private static async Task<string> EnsureTargetGroupAsync(Fargo.Deploy.Aws.IElbApi elb, ServiceSettings settings, CancellationToken cancellationToken)
    {
        var name = settings.Names.TargetGroup;
        var arn = await FindTargetGroupAsync(elb, name, cancellationToken);
        if (arn is null)
        {
            var health = settings.Health;
            var created = await elb.CreateTargetGroupAsync(new CreateTargetGroupRequest
            {
                Name = name,
                Protocol = ProtocolName.Http,
                Port = settings.Port,
                TargetType = Fargo.Aws.ElasticLoadBalancingV2.TargetType.Ip,
                HealthCheckEnabled = true,
                HealthCheckProtocol = ProtocolName.Http,
                HealthCheckPath = health.Path,
                HealthCheckIntervalSeconds = (int)health.Interval.TotalSeconds,
                HealthCheckTimeoutSeconds = (int)health.Timeout.TotalSeconds,
                HealthyThresholdCount = health.HealthyThreshold,
                UnhealthyThresholdCount = health.UnhealthyThreshold,
                Matcher = new Matcher { HttpCode = health.SuccessCodes },
            }, cancellationToken);
            arn = created.TargetGroups.Head()?.TargetGroupArn ?? throw new DeployException($"CreateTargetGroup returned no target group for {name}.");
        }

        await elb.ModifyTargetGroupAttributesAsync(new ModifyTargetGroupAttributesRequest
        {
            TargetGroupArn = arn,
            Attributes = [new TargetGroupAttribute { Key = "deregistration_delay.timeout_seconds", Value = ((int)settings.Deploy.Drain.TotalSeconds).ToString(CultureInfo.InvariantCulture) }],
        }, cancellationToken);
        return arn;
    }

    private static async Task<int> EnsureListenerAsync(Fargo.Deploy.Aws.IElbApi elb, string loadBalancer, string targetGroup, string service, CancellationToken cancellationToken)
    {
        var listeners = (await elb.DescribeListenersAsync(new DescribeListenersRequest { LoadBalancerArn = loadBalancer }, cancellationToken)).Listeners ?? [];
        if (listeners.FirstOrDefault(l => ForwardsTo(l, targetGroup)) is { Port: { } existing })
        {
            return existing;
        }

        var forward = new ListenerAction { Type = ActionType.Forward, TargetGroupArn = targetGroup };
        foreach (var port in new[] { StablePort(service), 0 })
        {
            try
            {
                var created = await elb.CreateListenerAsync(new CreateListenerRequest
                {
                    LoadBalancerArn = loadBalancer,
                    Protocol = ProtocolName.Http,
                    Port = port,
                    DefaultActions = [forward],
                }, cancellationToken);
                return created.Listeners.Head()?.Port ?? throw new DeployException("CreateListener returned no listener.");
            }
            catch (AwsServiceException e) when (port != 0 && e.Code is "DuplicateListener" or "InvalidConfigurationRequest" or "ValidationError")
            {
                // That port is taken on this machine: let the local region pick a free one.
            }
        }

        throw new DeployException($"No listener could be created for {service}.");
    }

    /// <summary>A port in 20000–29999 derived from the service's name, so its URL stays the same across `fargo up`s.</summary>
    internal static int StablePort(string service)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(service));
        return FirstStablePort + (int)(BitConverter.ToUInt32(hash, 0) % StablePortRange);
    }

    private static bool ForwardsTo(Listener listener, string targetGroup) =>
        (listener.DefaultActions ?? []).Any(a => a.TargetGroupArn == targetGroup
            || (a.ForwardConfig?.TargetGroups ?? []).Any(t => t.TargetGroupArn == targetGroup));

    private static async Task<string?> FindLoadBalancerAsync(Fargo.Deploy.Aws.IElbApi elb, string name, CancellationToken cancellationToken)
    {
        try
        {
            var found = await elb.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { Names = [name] }, cancellationToken);
            return found.LoadBalancers.Head()?.LoadBalancerArn;
        }
        catch (AwsServiceException e) when (e.Code == "LoadBalancerNotFound")
        {
            return null;
        }
    }

    private static async Task<string?> FindTargetGroupAsync(Fargo.Deploy.Aws.IElbApi elb, string name, CancellationToken cancellationToken)
    {
        try
        {
            var found = await elb.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = [name] }, cancellationToken);
            return found.TargetGroups.Head()?.TargetGroupArn;
        }
        catch (AwsServiceException e) when (e.Code == "TargetGroupNotFound")
        {
            return null;
        }
    }

    private static async Task<bool> DeleteServiceAsync(Fargo.Deploy.Aws.IEcsApi ecs, ServiceSpec spec, CancellationToken cancellationToken)
    {
        try
        {
            await ecs.DeleteServiceAsync(new DeleteServiceRequest { Cluster = spec.Cluster, Service = spec.Service, Force = true }, cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.Code is "ServiceNotFoundException" or "ClusterNotFoundException" or "ServiceNotActiveException")
        {
            return false;
        }
    }

    private static async Task WaitForServiceGoneAsync(Fargo.Deploy.Aws.IEcsApi ecs, ServiceSpec spec, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var described = await ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = spec.Cluster, Services = [spec.Service] }, cancellationToken);
            var service = described.Services is { Count: > 0 } services ? services[0] : null;
            if (service is null || service.Status == "INACTIVE")
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }

        throw new DeployException($"The service {spec.Service} did not finish stopping its tasks within {timeout.TotalSeconds:0} seconds.", "Run `fargo down` again, or look at `fargo local status`.");
    }
}

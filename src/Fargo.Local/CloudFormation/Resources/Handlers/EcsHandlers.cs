using System.Text.Json.Nodes;
using Fargo.Aws.Ecs;
using Fargo.Local.Api;
using Fargo.Local.Ecs;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>AWS::ECS::Cluster through ECS's CreateCluster/DeleteCluster. Ref: the name; Arn.</summary>
internal sealed class EcsClusterHandler(EcsControlPlane ecs) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "ClusterName") ?? context.GeneratedName(255);
        var request = PropertyMapping.ToRequest(properties, EcsJsonContext.Default.CreateClusterRequest, camelCase: true,
            ("clusterName", name), ("settings", properties["ClusterSettings"] is JsonArray settings ? Lower(settings) : null), ("clusterSettings", null));
        var cluster = ecs.CreateCluster(request).Cluster!;
        return Task.FromResult(Outcome(cluster));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var request = PropertyMapping.ToRequest(properties, EcsJsonContext.Default.CreateClusterRequest, camelCase: true,
            ("clusterName", physicalId), ("settings", properties["ClusterSettings"] is JsonArray settings ? Lower(settings) : null), ("clusterSettings", null));
        return Task.FromResult(Outcome(ecs.CreateCluster(request).Cluster!));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        try
        {
            ecs.DeleteCluster(new DeleteClusterRequest { Cluster = physicalId });
        }
        catch (LocalServiceException e) when (e.Code == "ClusterNotFoundException")
        {
            // Already gone: deleting it is done.
        }

        return Task.CompletedTask;
    }

    private static JsonArray Lower(JsonArray settings) =>
        new(settings.Select(s => (JsonNode?)new JsonObject { ["name"] = s?["Name"]?.DeepClone(), ["value"] = s?["Value"]?.DeepClone() }).ToArray());

    private static ResourceOutcome Outcome(Cluster cluster) =>
        new(cluster.ClusterName!, new Dictionary<string, JsonNode?> { ["Arn"] = cluster.ClusterArn });
}

/// <summary>AWS::ECS::ClusterCapacityProviderAssociations through ECS's PutClusterCapacityProviders. Ref: the cluster name.</summary>
internal sealed class EcsCapacityProviderAssociationsHandler(EcsControlPlane ecs) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Put(properties, PropertyMapping.Text(properties, "Cluster")!));

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Put(properties, physicalId));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        try
        {
            ecs.PutClusterCapacityProviders(new PutClusterCapacityProvidersRequest { Cluster = physicalId, CapacityProviders = [], DefaultCapacityProviderStrategy = [] });
        }
        catch (LocalServiceException e) when (e.Code == "ClusterNotFoundException")
        {
            // The cluster went first: nothing is associated any more.
        }

        return Task.CompletedTask;
    }

    private ResourceOutcome Put(JsonObject properties, string cluster)
    {
        var request = PropertyMapping.ToRequest(properties, EcsJsonContext.Default.PutClusterCapacityProvidersRequest, camelCase: true);
        ecs.PutClusterCapacityProviders(request);
        return new ResourceOutcome(cluster, new Dictionary<string, JsonNode?>());
    }
}

/// <summary>
/// AWS::ECS::TaskDefinition through RegisterTaskDefinition. A task definition revision is immutable: every change
/// registers a new revision (CloudFormation replaces the resource), and deletion deregisters it. Ref: the ARN.
/// </summary>
internal sealed class EcsTaskDefinitionHandler(EcsControlPlane ecs) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var family = PropertyMapping.Text(properties, "Family") ?? context.GeneratedName(255);
        var request = PropertyMapping.ToRequest(properties, EcsJsonContext.Default.RegisterTaskDefinitionRequest, camelCase: true, ("family", family));
        var arn = ecs.RegisterTaskDefinition(request).TaskDefinition!.TaskDefinitionArn!;
        return Task.FromResult(new ResourceOutcome(arn, new Dictionary<string, JsonNode?> { ["TaskDefinitionArn"] = arn }));
    }

    /// <summary>Every property of a task definition is create-only in the registry schema, so this only sees tag changes.</summary>
    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(new ResourceOutcome(physicalId, new Dictionary<string, JsonNode?> { ["TaskDefinitionArn"] = physicalId }));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        try
        {
            ecs.DeregisterTaskDefinition(new DeregisterTaskDefinitionRequest { TaskDefinition = physicalId });
        }
        catch (LocalServiceException e) when (e.Code is "ClientException" or "InvalidParameterException")
        {
            // Already deregistered.
        }

        return Task.CompletedTask;
    }
}

/// <summary>
/// AWS::ECS::Service through CreateService/UpdateService/DeleteService. As CloudFormation does, create and update
/// wait for the deployment to complete (steady state); a deployment the circuit breaker stops fails the resource
/// with ECS's reason, which rolls the stack back. Ref: the service ARN; Name, ServiceArn.
/// </summary>
internal sealed class EcsServiceHandler(EcsControlPlane ecs, TimeProvider time, TimeSpan stabilizationTimeout) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "ServiceName") ?? context.GeneratedName(255);
        var request = PropertyMapping.ToRequest(properties, EcsJsonContext.Default.CreateServiceRequest, camelCase: true,
            ("serviceName", name), ("placementStrategy", properties["PlacementStrategies"]));
        if (properties["DesiredCount"] is null)
        {
            request = request with { DesiredCount = 1 };
        }

        var service = ecs.CreateService(request).Service!;
        return Task.FromResult(Outcome(service));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        var create = PropertyMapping.ToRequest(properties, EcsJsonContext.Default.CreateServiceRequest, camelCase: true, ("serviceName", "x"));
        var service = ecs.UpdateService(new UpdateServiceRequest
        {
            Cluster = create.Cluster,
            Service = physicalId,
            // As on AWS: a desired count left out of the template is left out of the update (the count stays).
            DesiredCount = create.DesiredCount,
            TaskDefinition = create.TaskDefinition,
            CapacityProviderStrategy = create.CapacityProviderStrategy,
            DeploymentConfiguration = create.DeploymentConfiguration,
            NetworkConfiguration = create.NetworkConfiguration,
            PlatformVersion = create.PlatformVersion,
            HealthCheckGracePeriodSeconds = create.HealthCheckGracePeriodSeconds,
            EnableExecuteCommand = create.EnableExecuteCommand,
            EnableECSManagedTags = create.EnableECSManagedTags,
            LoadBalancers = create.LoadBalancers ?? [],
            ServiceRegistries = create.ServiceRegistries ?? [],
            PropagateTags = create.PropagateTags,
            ForceNewDeployment = PropertyMapping.Bool(properties, "ForceNewDeployment"),
        }).Service!;
        return Task.FromResult(Outcome(service));
    }

    public async Task StabilizeAsync(ResourceContext context, string physicalId, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + stabilizationTimeout;
        while (true)
        {
            var service = (ecs.DescribeServices(new DescribeServicesRequest { Cluster = ClusterOf(physicalId), Services = [physicalId] }).Services is { Count: > 0 } found ? found[0] : null)
                ?? throw new ResourceFailedException($"Service {physicalId} disappeared while CloudFormation waited for it to stabilize.");
            var primary = service.Deployments?.FirstOrDefault(d => d.Status == "PRIMARY");
            if (primary?.RolloutState?.Value == "FAILED")
            {
                throw new ResourceFailedException("Resource handler returned message: \"Error occurred during operation 'ECS Deployment Circuit Breaker was triggered'.\" (HandlerErrorCode: GeneralServiceException)");
            }

            if (service.Deployments?.Count == 1 && primary?.RolloutState?.Value == "COMPLETED" && service.RunningCount == service.DesiredCount)
            {
                return;
            }

            if (time.GetUtcNow() > deadline)
            {
                throw new ResourceFailedException($"Service {service.ServiceName} did not stabilize: {service.RunningCount} of {service.DesiredCount} tasks running after {stabilizationTimeout.TotalMinutes:0} minutes.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }
    }

    public async Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        var cluster = ClusterOf(physicalId);
        try
        {
            ecs.DeleteService(new DeleteServiceRequest { Cluster = cluster, Service = physicalId, Force = true });
        }
        catch (LocalServiceException e) when (e.Code is "ServiceNotFoundException" or "ClusterNotFoundException")
        {
            return;
        }

        // CloudFormation waits for the service's tasks to stop (the service INACTIVE) before it reports the delete.
        var deadline = time.GetUtcNow() + stabilizationTimeout;
        while (time.GetUtcNow() < deadline)
        {
            var service = ecs.DescribeServices(new DescribeServicesRequest { Cluster = cluster, Services = [physicalId] }).Services is { Count: > 0 } found ? found[0] : null;
            if (service is null || service.Status == "INACTIVE")
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The cluster named in a service ARN (arn:…:service/CLUSTER/NAME).</summary>
    private static string? ClusterOf(string serviceArn)
    {
        var parts = serviceArn.Split('/');
        return parts.Length == 3 ? parts[1] : null;
    }

    private static ResourceOutcome Outcome(Service service) =>
        new(service.ServiceArn!, new Dictionary<string, JsonNode?> { ["Name"] = service.ServiceName, ["ServiceArn"] = service.ServiceArn });
}

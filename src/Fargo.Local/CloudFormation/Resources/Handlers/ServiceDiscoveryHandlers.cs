using System.Text.Json.Nodes;
using Fargo.Local.ServiceDiscovery;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::ServiceDiscovery::PrivateDnsNamespace in the local Cloud Map. Ref: the namespace id (ns-…); Id, Arn,
/// HostedZoneId. Name and Vpc replace it; a description change is kept as is.
/// </summary>
internal sealed class PrivateDnsNamespaceHandler(CloudMapRegistry registry) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "Name") ?? throw new ResourceFailedException("Property Name cannot be empty.");
        var created = registry.CreatePrivateDnsNamespace(name, PropertyMapping.Text(properties, "Vpc"), PropertyMapping.Text(properties, "Description"));
        return Task.FromResult(Outcome(created));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Outcome(registry.FindNamespace(physicalId) ?? throw new ResourceFailedException($"Namespace {physicalId} not found.")));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        registry.DeleteNamespace(physicalId);
        return Task.CompletedTask;
    }

    private static ResourceOutcome Outcome(NamespaceRecord ns) => new(ns.Id, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
    {
        ["Id"] = ns.Id,
        ["Arn"] = ns.Arn,
        // The Route 53 hosted zone AWS makes for a private namespace; the local region has no Route 53, so it is a record.
        ["HostedZoneId"] = "Z" + ns.Id[3..].ToUpperInvariant(),
    });
}

/// <summary>
/// AWS::ServiceDiscovery::Service in the local Cloud Map: a name in a namespace, answered locally at a loopback
/// address of its own (<see cref="CloudMapRegistry"/>). Ref: the service id (srv-…); Id, Arn, Name. Its DnsConfig
/// (A records, TTL) has nothing to change locally: the endpoint always forwards to the instances registered now.
/// </summary>
internal sealed class DiscoveryServiceHandler(CloudMapRegistry registry) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "Name") ?? context.GeneratedName(63, lowercase: true);
        var namespaceId = PropertyMapping.Text(properties, "NamespaceId")
            ?? PropertyMapping.Text(properties["DnsConfig"] as JsonObject ?? [], "NamespaceId")
            ?? throw new ResourceFailedException("Property NamespaceId cannot be empty.");
        return Task.FromResult(Outcome(registry.CreateService(name, namespaceId)));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Outcome(registry.FindService(physicalId) ?? throw new ResourceFailedException($"Service {physicalId} not found.")));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        if (registry.FindService(physicalId) is { } service)
        {
            // The ECS service that registered its tasks is deleted first (it references this one); the tasks it is
            // still stopping leave with it, as ECS deregisters them.
            foreach (var instance in service.Instances.Keys)
            {
                registry.DeregisterInstance(service.Id, instance);
            }

            registry.DeleteService(physicalId);
        }

        return Task.CompletedTask;
    }

    private static ResourceOutcome Outcome(DiscoveryServiceRecord service) => new(service.Id, new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
    {
        ["Id"] = service.Id,
        ["Arn"] = service.Arn,
        ["Name"] = service.Name,
    });
}

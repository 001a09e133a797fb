using Fargo.Local.Api;
using Fargo.Local.Runtime;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.ServiceDiscovery;

/// <summary>
/// Cloud Map, locally: private DNS namespaces, their services and the instances ECS registers in them (each running
/// task of an ECS service with ServiceRegistries). What AWS answers by DNS inside the VPC (the service's name resolving
/// to its healthy tasks' addresses) the local region answers with an endpoint per service: a loopback address of its own
/// (127.2.x.y) that forwards each connection to one of the registered instances (<see cref="ServiceEndpoints"/>), and
/// <see cref="Resolve"/>, through which a task's environment finds that address for the service's DNS name.
/// Namespaces, services and instances are kept on disk, so that after a restart the adopted tasks are still found.
/// </summary>
internal sealed class CloudMapRegistry : IAsyncDisposable, IPrivateDns
{
    /// <summary>The loopback block of Cloud Map endpoints (<see cref="Runtime.LoopbackAddresses"/>): 127.2.0.0/16.</summary>
    public const int AddressBlock = 2;

    private readonly SqliteConnection _connection;
    private readonly DocumentTable<NamespaceRecord> _namespaceTable;
    private readonly DocumentTable<DiscoveryServiceRecord> _serviceTable;
    private readonly Dictionary<string, NamespaceRecord> _namespaces = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DiscoveryServiceRecord> _services = new(StringComparer.Ordinal);
    private readonly ServiceEndpoints _endpoints;
    private readonly Lock _gate = new();
    private readonly string _region;
    private readonly string _account;

    public CloudMapRegistry(string databasePath, string region, string account, ILogger logger)
    {
        _region = region;
        _account = account;
        _connection = StateDatabase.Open(databasePath);
        _namespaceTable = new DocumentTable<NamespaceRecord>(_connection, "cloudmap_namespaces", LocalJsonContext.Default.NamespaceRecord);
        _serviceTable = new DocumentTable<DiscoveryServiceRecord>(_connection, "cloudmap_services", LocalJsonContext.Default.DiscoveryServiceRecord);
        _namespaceTable.LoadInto(_connection, _namespaces, n => n.Id);
        _serviceTable.LoadInto(_connection, _services, s => s.Id);
        _endpoints = new ServiceEndpoints(Instances, logger);
        foreach (var service in _services.Values)
        {
            foreach (var port in service.Instances.Values.Select(i => i.ContainerPort).Distinct())
            {
                _endpoints.Open(service.Id, service.Address, port);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _endpoints.DisposeAsync().ConfigureAwait(false);
        _connection.Dispose();
    }

    public NamespaceRecord CreatePrivateDnsNamespace(string name, string? vpc, string? description)
    {
        lock (_gate)
        {
            if (_namespaces.Values.Any(n => string.Equals(n.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new LocalServiceException("NamespaceAlreadyExists", $"Namespace with name {name} already exists.");
            }

            var id = "ns-" + AwsIds.Suffix(16).ToLowerInvariant();
            var created = new NamespaceRecord(id, $"arn:aws:servicediscovery:{_region}:{_account}:namespace/{id}", name, vpc, description);
            StateDatabase.InTransaction(_connection, (c, t) => _namespaceTable.Put(c, t, id, created));
            _namespaces[id] = created;
            return created;
        }
    }

    public void DeleteNamespace(string id)
    {
        lock (_gate)
        {
            if (!_namespaces.ContainsKey(id))
            {
                throw new LocalServiceException("NamespaceNotFound", $"Namespace {id} not found.");
            }

            if (_services.Values.Any(s => s.NamespaceId == id))
            {
                throw new LocalServiceException("ResourceInUse", $"Namespace {id} has associated services.");
            }

            StateDatabase.InTransaction(_connection, (c, t) => _namespaceTable.Delete(c, t, id));
            _namespaces.Remove(id);
        }
    }

    public DiscoveryServiceRecord CreateService(string name, string namespaceId)
    {
        lock (_gate)
        {
            if (!_namespaces.TryGetValue(namespaceId, out var ns))
            {
                throw new LocalServiceException("NamespaceNotFound", $"Namespace {namespaceId} not found.");
            }

            if (_services.Values.Any(s => s.NamespaceId == namespaceId && string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new LocalServiceException("ServiceAlreadyExists", $"Service with name {name} already exists in namespace {namespaceId}.");
            }

            var id = "srv-" + AwsIds.Suffix(16).ToLowerInvariant();
            var held = _services.Values.Select(s => s.Address).ToHashSet(StringComparer.Ordinal);
            var created = new DiscoveryServiceRecord(
                id, $"arn:aws:servicediscovery:{_region}:{_account}:service/{id}", name, namespaceId, ns.Name, Runtime.LoopbackAddresses.Allocate(AddressBlock, held, []));
            Save(created);
            return created;
        }
    }

    public void DeleteService(string id)
    {
        lock (_gate)
        {
            var service = Service(id);
            if (service.Instances.Count > 0)
            {
                throw new LocalServiceException("ResourceInUse", $"Service {id} has registered instances.");
            }

            StateDatabase.InTransaction(_connection, (c, t) => _serviceTable.Delete(c, t, id));
            _services.Remove(id);
        }

        _endpoints.Close(id);
    }

    public NamespaceRecord? FindNamespace(string id)
    {
        lock (_gate)
        {
            return _namespaces.GetValueOrDefault(id);
        }
    }

    /// <summary>Finds a service by its ARN (what an ECS service's registryArn names) or id.</summary>
    public DiscoveryServiceRecord? FindService(string arnOrId)
    {
        lock (_gate)
        {
            var id = arnOrId.StartsWith("arn:", StringComparison.Ordinal) ? arnOrId[(arnOrId.LastIndexOf('/') + 1)..] : arnOrId;
            return _services.GetValueOrDefault(id);
        }
    }

    /// <summary>Registers (or re-registers) an instance, and opens the service's endpoint on the instance's container port.</summary>
    public void RegisterInstance(string serviceId, DiscoveredInstance instance)
    {
        DiscoveryServiceRecord service;
        lock (_gate)
        {
            service = Service(serviceId);
            Save(service with { Instances = new Dictionary<string, DiscoveredInstance>(service.Instances, StringComparer.Ordinal) { [instance.Id] = instance } });
        }

        _endpoints.Open(service.Id, service.Address, instance.ContainerPort);
    }

    /// <summary>Removes an instance; one that is not registered is no error (ECS deregisters each task once it stops).</summary>
    public void DeregisterInstance(string serviceId, string instanceId)
    {
        lock (_gate)
        {
            if (_services.TryGetValue(serviceId, out var service) && service.Instances.ContainsKey(instanceId))
            {
                var left = service.Instances.Where(i => i.Key != instanceId).ToDictionary(StringComparer.Ordinal);
                Save(service with { Instances = left });
            }
        }
    }

    public IReadOnlyList<DiscoveredInstance> Instances(string serviceId)
    {
        lock (_gate)
        {
            return _services.TryGetValue(serviceId, out var service) ? [.. service.Instances.Values] : [];
        }
    }

    /// <summary>The local address a service's DNS name (pricing.local.fargo.internal) answers at; null for any other name.</summary>
    public string? Resolve(string hostName)
    {
        lock (_gate)
        {
            return _services.Values.FirstOrDefault(s => string.Equals(s.DnsName, hostName.TrimEnd('.'), StringComparison.OrdinalIgnoreCase))?.Address;
        }
    }

    private DiscoveryServiceRecord Service(string id) =>
        _services.GetValueOrDefault(id) ?? throw new LocalServiceException("ServiceNotFound", $"Service {id} not found.");

    private void Save(DiscoveryServiceRecord service)
    {
        StateDatabase.InTransaction(_connection, (c, t) => _serviceTable.Put(c, t, service.Id, service));
        _services[service.Id] = service;
    }
}

using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.Ecs;

/// <summary>
/// The control plane's records in memory, written through to state.db. Callers change records under the
/// control plane's lock, mark them changed, and <see cref="Commit"/> writes every change in one
/// transaction: after a crash the state is that of the last commit.
/// </summary>
internal sealed class EcsStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DocumentTable<TaskDefinitionRecord> _taskDefinitionTable;
    private readonly DocumentTable<ClusterRecord> _clusterTable;
    private readonly DocumentTable<CapacityProviderRecord> _capacityProviderTable;
    private readonly DocumentTable<ServiceRecord> _serviceTable;
    private readonly DocumentTable<TaskRecord> _taskTable;

    private readonly HashSet<TaskDefinitionRecord> _changedTaskDefinitions = [];
    private readonly HashSet<ClusterRecord> _changedClusters = [];
    private readonly HashSet<CapacityProviderRecord> _changedCapacityProviders = [];
    private readonly HashSet<ServiceRecord> _changedServices = [];
    private readonly HashSet<TaskRecord> _changedTasks = [];
    private readonly HashSet<string> _deletedTasks = new(StringComparer.Ordinal);

    public EcsStore(string databasePath)
    {
        _connection = StateDatabase.Open(databasePath);
        _taskDefinitionTable = new(_connection, "ecs_task_definitions", LocalJsonContext.Default.TaskDefinitionRecord);
        _clusterTable = new(_connection, "ecs_clusters", LocalJsonContext.Default.ClusterRecord);
        _capacityProviderTable = new(_connection, "ecs_capacity_providers", LocalJsonContext.Default.CapacityProviderRecord);
        _serviceTable = new(_connection, "ecs_services", LocalJsonContext.Default.ServiceRecord);
        _taskTable = new(_connection, "ecs_tasks", LocalJsonContext.Default.TaskRecord);

        _taskDefinitionTable.LoadInto(_connection, TaskDefinitions, d => d.Arn);
        _clusterTable.LoadInto(_connection, Clusters, c => c.Name);
        _capacityProviderTable.LoadInto(_connection, CapacityProviders, p => p.Name);
        _serviceTable.LoadInto(_connection, Services, s => s.Arn);
        _taskTable.LoadInto(_connection, Tasks, t => t.Id);
    }

    /// <summary>By ARN.</summary>
    public Dictionary<string, TaskDefinitionRecord> TaskDefinitions { get; } = new(StringComparer.Ordinal);

    /// <summary>By name.</summary>
    public Dictionary<string, ClusterRecord> Clusters { get; } = new(StringComparer.Ordinal);

    /// <summary>By name: the ones made by CreateCapacityProvider.</summary>
    public Dictionary<string, CapacityProviderRecord> CapacityProviders { get; } = new(StringComparer.Ordinal);

    /// <summary>By ARN.</summary>
    public Dictionary<string, ServiceRecord> Services { get; } = new(StringComparer.Ordinal);

    /// <summary>By task id.</summary>
    public Dictionary<string, TaskRecord> Tasks { get; } = new(StringComparer.Ordinal);

    public void Changed(TaskDefinitionRecord record) => _changedTaskDefinitions.Add(record);

    public void Changed(ClusterRecord record) => _changedClusters.Add(record);

    public void Changed(CapacityProviderRecord record) => _changedCapacityProviders.Add(record);

    public void Changed(ServiceRecord record) => _changedServices.Add(record);

    public void Changed(TaskRecord record) => _changedTasks.Add(record);

    public void Forget(TaskRecord record)
    {
        Tasks.Remove(record.Id);
        _changedTasks.Remove(record);
        _deletedTasks.Add(record.Id);
    }

    public void Commit()
    {
        if (_changedTaskDefinitions.Count + _changedClusters.Count + _changedCapacityProviders.Count + _changedServices.Count + _changedTasks.Count + _deletedTasks.Count == 0)
        {
            return;
        }

        using var transaction = _connection.BeginTransaction();
        foreach (var record in _changedTaskDefinitions)
        {
            _taskDefinitionTable.Put(_connection, transaction, record.Arn, record);
        }

        foreach (var record in _changedClusters)
        {
            _clusterTable.Put(_connection, transaction, record.Name, record);
        }

        foreach (var record in _changedCapacityProviders)
        {
            _capacityProviderTable.Put(_connection, transaction, record.Name, record);
        }

        foreach (var record in _changedServices)
        {
            _serviceTable.Put(_connection, transaction, record.Arn, record);
        }

        foreach (var record in _changedTasks)
        {
            _taskTable.Put(_connection, transaction, record.Id, record);
        }

        foreach (var id in _deletedTasks)
        {
            _taskTable.Delete(_connection, transaction, id);
        }

        transaction.Commit();
        _changedTaskDefinitions.Clear();
        _changedClusters.Clear();
        _changedCapacityProviders.Clear();
        _changedServices.Clear();
        _changedTasks.Clear();
        _deletedTasks.Clear();
    }

    public void Dispose() => _connection.Dispose();
}

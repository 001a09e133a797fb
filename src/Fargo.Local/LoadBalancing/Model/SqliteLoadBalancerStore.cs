using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.LoadBalancing.Model;

/// <summary>
/// The load balancer's state in the engine's SQLite file (its own tables, elb_*), one transaction per
/// change, with the engine's crash-safety settings (<see cref="StateDatabase"/>).
/// </summary>
public sealed class SqliteLoadBalancerStore : ILoadBalancerStore, IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly DocumentTable<LoadBalancerRecord> _loadBalancers;
    private readonly DocumentTable<ListenerRecord> _listeners;
    private readonly DocumentTable<RuleRecord> _rules;
    private readonly DocumentTable<TargetGroupRecord> _targetGroups;
    private readonly DocumentTable<TargetRecord> _targets;
    private readonly Lock _gate = new();

    public SqliteLoadBalancerStore(string databasePath)
    {
        _connection = StateDatabase.Open(databasePath);
        var json = LoadBalancingJsonContext.Default;
        _loadBalancers = new DocumentTable<LoadBalancerRecord>(_connection, "elb_load_balancers", json.LoadBalancerRecord);
        _listeners = new DocumentTable<ListenerRecord>(_connection, "elb_listeners", json.ListenerRecord);
        _rules = new DocumentTable<RuleRecord>(_connection, "elb_rules", json.RuleRecord);
        _targetGroups = new DocumentTable<TargetGroupRecord>(_connection, "elb_target_groups", json.TargetGroupRecord);
        _targets = new DocumentTable<TargetRecord>(_connection, "elb_targets", json.TargetRecord);
    }

    public LoadBalancerSnapshot Load()
    {
        lock (_gate)
        {
            return new LoadBalancerSnapshot(
                _loadBalancers.LoadAll(_connection),
                _listeners.LoadAll(_connection),
                _rules.LoadAll(_connection),
                _targetGroups.LoadAll(_connection),
                _targets.LoadAll(_connection));
        }
    }

    public void Apply(LoadBalancerChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            Write(_loadBalancers, change.PutLoadBalancers, r => r.Arn, change.DeleteLoadBalancers, transaction);
            Write(_listeners, change.PutListeners, r => r.Arn, change.DeleteListeners, transaction);
            Write(_rules, change.PutRules, r => r.Arn, change.DeleteRules, transaction);
            Write(_targetGroups, change.PutTargetGroups, r => r.Arn, change.DeleteTargetGroups, transaction);
            Write(_targets, change.PutTargets, r => r.Key, change.DeleteTargets, transaction);
            transaction.Commit();
        }
    }

    public void Dispose() => _connection.Dispose();

    private void Write<T>(DocumentTable<T> table, List<T> puts, Func<T, string> key, List<string> deletes, SqliteTransaction transaction)
    {
        foreach (var id in deletes)
        {
            table.Delete(_connection, transaction, id);
        }

        foreach (var record in puts)
        {
            table.Put(_connection, transaction, key(record), record);
        }
    }
}

namespace Fargo.Local.LoadBalancing.Model;

/// <summary>Everything the load balancer keeps, as loaded at start.</summary>
public sealed record LoadBalancerSnapshot(
    IReadOnlyList<LoadBalancerRecord> LoadBalancers,
    IReadOnlyList<ListenerRecord> Listeners,
    IReadOnlyList<RuleRecord> Rules,
    IReadOnlyList<TargetGroupRecord> TargetGroups,
    IReadOnlyList<TargetRecord> Targets);

/// <summary>
/// One change to the kept state, applied atomically: a crash leaves the state before or after it.
/// Each list holds the records to write (insert or replace) and the ids (ARNs, target keys) to delete.
/// </summary>
public sealed class LoadBalancerChange
{
    public List<LoadBalancerRecord> PutLoadBalancers { get; } = [];
    public List<string> DeleteLoadBalancers { get; } = [];
    public List<ListenerRecord> PutListeners { get; } = [];
    public List<string> DeleteListeners { get; } = [];
    public List<RuleRecord> PutRules { get; } = [];
    public List<string> DeleteRules { get; } = [];
    public List<TargetGroupRecord> PutTargetGroups { get; } = [];
    public List<string> DeleteTargetGroups { get; } = [];
    public List<TargetRecord> PutTargets { get; } = [];
    public List<string> DeleteTargets { get; } = [];
}

/// <summary>Where the load balancer's state lives (the engine's state.db: <see cref="SqliteLoadBalancerStore"/>).</summary>
public interface ILoadBalancerStore
{
    LoadBalancerSnapshot Load();

    void Apply(LoadBalancerChange change);
}

using Fargo.Aws.Ecs;
using Fargo.Local.Api;
using Fargo.Local.Engine;
using Fargo.Local.Runtime;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.Ecs;

/// <summary>
/// ECS, locally: the API operations (this class's partial files, one per resource), and the scheduler
/// that every tick moves tasks through their lifecycle and services towards their desired state
/// (<see cref="Tick"/>). Everything runs under one lock, so an API call sees and leaves a consistent
/// state, and every change is committed to state.db before the lock is released.
/// </summary>
internal sealed partial class EcsControlPlane
{
    public const string DefaultCluster = "default";

    private readonly Lock _gate = new();
    private readonly EcsStore _store;
    private readonly TaskRuntime _runtime;
    private readonly EngineOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IServiceLoadBalancing _loadBalancing;

    public EcsControlPlane(
        EcsStore store,
        TaskRuntime runtime,
        EngineOptions options,
        TimeProvider time,
        ILogger logger,
        IServiceLoadBalancing? loadBalancing = null)
    {
        _store = store;
        _runtime = runtime;
        _options = options;
        _time = time;
        _logger = logger;
        _loadBalancing = loadBalancing ?? new NoLoadBalancing();
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Runs an operation under the lock and commits what it changed.</summary>
    /// <summary>The images (artifact digests) of every task not yet stopped: they run from the image store.</summary>
    /// <summary>Whether the task exists and has not stopped: while it runs, its role's credentials are handed out.</summary>
    public bool IsTaskLive(string taskArn) =>
        Locked(() => _store.Tasks.TryGetValue(taskArn[(taskArn.LastIndexOf('/') + 1)..], out var task) && task.Arn == taskArn && !task.IsStopped);

    public IReadOnlySet<string> ImageDigestsInUse() => Locked(() =>
        (IReadOnlySet<string>)_store.Tasks.Values.Where(t => !t.IsStopped).SelectMany(t => t.Containers).Select(c => c.ImageDigest).OfType<string>().ToHashSet(StringComparer.Ordinal));

    private T Locked<T>(Func<T> operation)
    {
        lock (_gate)
        {
            try
            {
                return operation();
            }
            finally
            {
                _store.Commit();
            }
        }
    }

    /// <summary>
    /// After a start: adopts the processes of tasks that were running when the engine last stopped
    /// (including after kill -9), and kills processes of this engine that no record owns.
    /// Returns how many tasks were adopted and how many stray processes were stopped.
    /// </summary>
    public (int Adopted, int StrayStopped) Recover()
    {
        return Locked(() =>
        {
            var adopted = 0;
            var known = new HashSet<int>();
            foreach (var task in _store.Tasks.Values.Where(t => !t.IsStopped))
            {
                if (!task.Containers.Exists(c => c.ProcessId is not null || c.Exited))
                {
                    continue;
                }

                if (!_store.TaskDefinitions.TryGetValue(task.TaskDefinitionArn, out var definition))
                {
                    continue;
                }

                if (_runtime.Adopt(task, definition.Definition))
                {
                    adopted++;
                }

                foreach (var container in task.Containers)
                {
                    if (container.ProcessId is { } pid)
                    {
                        known.Add(pid);
                    }
                }
            }

            var stray = _runtime.StopStrayProcesses(known);
            return (adopted, stray);
        });
    }

    /// <summary>Ticks the scheduler until cancelled.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.Tick, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                try
                {
                    Tick();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogTickFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Engine shutting down.
        }
    }

    /// <summary>One scheduler pass: task lifecycles first, then every service's decisions.</summary>
    public void Tick()
    {
        Locked(() =>
        {
            var now = Now;
            foreach (var task in _store.Tasks.Values.Where(t => !t.IsStopped).ToList())
            {
                AdvanceTask(task, now);
            }

            foreach (var service in _store.Services.Values.Where(s => s.Status != "INACTIVE").ToList())
            {
                Schedule(service, now);
            }

            PurgeStoppedTasks(now);
            return 0;
        });
    }

    /// <summary>
    /// The engine is stopping: every task gets SIGTERM, then SIGKILL after its stop timeout, and is recorded
    /// as stopped, so that no process outlives `fargo local stop`. Services keep their desired count and
    /// get new tasks at the next start.
    /// </summary>
    public async Task ShutdownAsync(CancellationToken cancellationToken)
    {
        var deadline = Now + _options.ScaledSeconds(30);
        List<TaskRecord> stopping = Locked(() =>
        {
            var running = _store.Tasks.Values.Where(t => !t.IsStopped).ToList();
            foreach (var task in running)
            {
                if (task.DesiredStatus == "RUNNING")
                {
                    SetStopped(task, "TerminationNotice", "Task stopped because the local region was stopped", countFailure: false);
                }

                _runtime.Signal(task, Posix.SigTerm);
            }

            return running;
        });

        while (Now < deadline && !stopping.TrueForAll(_runtime.AllExited))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100), _time, cancellationToken).ConfigureAwait(false);
        }

        Locked(() =>
        {
            foreach (var task in stopping)
            {
                _runtime.Signal(task, Posix.SigKill);
            }

            return 0;
        });

        var killDeadline = Now + TimeSpan.FromSeconds(5);
        while (Now < killDeadline && !stopping.TrueForAll(_runtime.AllExited))
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), _time, cancellationToken).ConfigureAwait(false);
        }

        Locked(() =>
        {
            var now = Now;
            foreach (var task in stopping.Where(t => !t.IsStopped))
            {
                _runtime.Observe(task);
                task.ExecutionStoppedAt ??= now;
                Finish(task, now);
            }

            return 0;
        });
    }

    // ---- shared helpers ----

    private ClusterRecord RequireCluster(string? nameOrArn)
    {
        var name = EcsArns.NameOf(string.IsNullOrEmpty(nameOrArn) ? DefaultCluster : nameOrArn);
        return _store.Clusters.TryGetValue(name, out var cluster) && cluster.Status == "ACTIVE"
            ? cluster
            : throw new LocalServiceException("ClusterNotFoundException", "Cluster not found.");
    }

    private ServiceRecord? FindService(ClusterRecord cluster, string nameOrArn)
    {
        var name = EcsArns.NameOf(nameOrArn);
        return _store.Services.GetValueOrDefault(EcsArns.Service(cluster.Name, name));
    }

    private IEnumerable<TaskRecord> TasksOf(ServiceRecord service) =>
        _store.Tasks.Values.Where(t => t.ServiceName == service.Name && t.ClusterArn == service.ClusterArn);

    /// <summary>
    /// A task definition by family (its latest ACTIVE revision), family:revision, or ARN; null when none.
    /// </summary>
    private TaskDefinitionRecord? FindTaskDefinition(string reference)
    {
        if (reference.StartsWith("arn:", StringComparison.Ordinal))
        {
            var tail = reference[(reference.IndexOf(":task-definition/", StringComparison.Ordinal) is var i and >= 0 ? i + ":task-definition/".Length : reference.Length)..];
            reference = tail;
        }

        var colon = reference.LastIndexOf(':');
        if (colon > 0 && int.TryParse(reference.AsSpan(colon + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var revision))
        {
            return _store.TaskDefinitions.GetValueOrDefault(EcsArns.TaskDefinition(reference[..colon], revision));
        }

        return _store.TaskDefinitions.Values
            .Where(d => d.Family == reference && d.Status == "ACTIVE")
            .MaxBy(d => d.Revision);
    }

    private void AddEvent(ServiceRecord service, string message)
    {
        service.Events.Insert(0, new ServiceEventRecord { Id = Guid.NewGuid().ToString(), CreatedAt = Now, Message = message });
        if (service.Events.Count > 100)
        {
            service.Events.RemoveRange(100, service.Events.Count - 100);
        }

        _store.Changed(service);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduler tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Task {TaskId} is {Status}")]
    private static partial void LogTaskStatus(ILogger logger, string taskId, string status);
}

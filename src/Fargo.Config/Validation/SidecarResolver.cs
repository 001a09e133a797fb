using System.Collections.ObjectModel;
using Fargo.Config.Model;
using Fargo.Config.Toml;

namespace Fargo.Config.Validation;

/// <summary>
/// Reads [containers] into the task's sidecars and checks what only the whole task shows: names, ports (one network
/// namespace per task), dependencies (known containers, no cycle, HEALTHY only on a container with a health check,
/// COMPLETE and SUCCESS only on a non-essential one, as ECS requires), the one container the load balancer targets,
/// and the containers' cpu and memory against the task's.
/// </summary>
internal sealed class SidecarResolver(DiagnosticBag diagnostics)
{
    /// <summary>ECS's container health check defaults.</summary>
    private static readonly TimeSpan DefaultInterval = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    private const int DefaultRetries = 3;

    /// <param name="appContainer">The service's own container: its name, port and whether it has a health check.</param>
    public IReadOnlyList<SidecarSettings> Resolve(
        TableNode? containers,
        ServiceShape service,
        (string Name, int? Port, bool HasHealthCheck) appContainer,
        ResourceSettings resources,
        EnvironmentTarget target)
    {
        if (containers is null || containers.Entries.Count == 0)
        {
            return SidecarSettings.None;
        }

        var tables = containers.Entries.Where(e => e.Value is TableNode).Select(e => (Name: e.Key, Table: (TableNode)e.Value)).ToList();
        var sidecars = new List<SidecarSettings>();
        foreach (var (name, table) in tables)
        {
            if (name == appContainer.Name)
            {
                diagnostics.Add(table.Origin, $"\"{name}\" is the name of the service's own container", "give the sidecar another name");
                continue;
            }

            sidecars.Add(Sidecar(name, table, target));
        }

        var origins = tables.ToDictionary(t => t.Name, t => t.Table, StringComparer.Ordinal);
        CheckPorts(sidecars, origins, appContainer);
        CheckTarget(sidecars, origins, service);
        CheckDependencies(sidecars, origins, appContainer);
        CheckSizes(sidecars, origins, resources);
        return sidecars.Count == 0 ? SidecarSettings.None : sidecars;
    }

    private SidecarSettings Sidecar(string name, TableNode table, EnvironmentTarget target)
    {
        var local = Fields.Table(table, "local");
        var localCommand = Fields.String(local, "command");
        if (local is not null && !localCommand.IsWritten && !localCommand.IsRejected)
        {
            diagnostics.Add(Missing(local, "command"), "required key is missing", "the command that starts the container in the service's build output, e.g. \"python3 proxy.py\"");
        }

        var command = Fields.Strings(table, "command");
        IReadOnlyList<string>? awsCommand = command.IsWritten && command.Value.Count > 0 ? [.. command.Value.Select(c => c.Value)] : null;
        var dependsOn = Fields.Map(table, "depends_on").Entries;
        var port = Fields.Integer(table, "port");
        var cpu = Fields.Integer(table, "cpu");
        var memory = Fields.Integer(table, "memory");
        return new SidecarSettings(
            name,
            // The local image is the service's build output: a sidecar runs its [local] command there.
            target.IsLocal ? null : Fields.String(table, "image") is { IsWritten: true } image ? image.Value : null,
            port.IsWritten ? (int)port.Value : null,
            Fields.Boolean(table, "essential").Or(true),
            // In the order written, which the map's sorting loses.
            [.. dependsOn.OrderBy(d => d.Value.Origin.Position.Line).ThenBy(d => d.Value.Origin.Position.Column).Select(d => new ContainerDependency(d.Key, d.Value.Value))],
            ReadOnly(Fields.Map(table, "env").Entries),
            ReadOnly(Fields.Map(table, "secrets").Entries),
            HealthCheck(Fields.Table(table, "health")),
            cpu.IsWritten ? (int)cpu.Value : null,
            memory.IsWritten ? (int)memory.Value : null,
            target.IsLocal && localCommand.IsWritten ? CommandLine.Split(localCommand.Value) : awsCommand)
        {
            IsTarget = Fields.Boolean(table, "target").Or(false),
            // The local image is a folder with no entry point: the [local] command is the whole command line.
            EntryPoint = target.IsLocal && localCommand.IsWritten ? null : Fields.Strings(table, "entrypoint") is { IsWritten: true, Value.Count: > 0 } entryPoint ? [.. entryPoint.Value.Select(e => e.Value)] : null,
        };
    }

    private ContainerHealthCheck? HealthCheck(TableNode? table)
    {
        if (table is null)
        {
            return null;
        }

        var command = Fields.Strings(table, "command");
        if (!command.IsWritten)
        {
            if (!command.IsRejected)
            {
                diagnostics.Add(Missing(table, "command"), "required key is missing", "the check, e.g. command = [\"sh\", \"-c\", \"test -f ready\"]; it exits 0 when healthy");
            }

            return null;
        }

        var interval = Fields.Duration(table, "interval").Or(DefaultInterval);
        var timeout = Fields.Duration(table, "timeout");
        if (timeout.IsWritten && timeout.Value >= interval)
        {
            diagnostics.Add(timeout.Origin!, $"the timeout ({Durations.Format(timeout.Value)}) must be shorter than the interval ({Durations.Format(interval)})");
        }

        return new ContainerHealthCheck(
            ["CMD", .. command.Value.Select(c => c.Value)],
            (int)interval.TotalSeconds,
            (int)timeout.Or(DefaultTimeout).TotalSeconds,
            (int)Fields.Integer(table, "retries").Or(DefaultRetries),
            (int)Fields.Duration(table, "start_period").Or(TimeSpan.Zero).TotalSeconds);
    }

    /// <summary>awsvpc gives the task one network namespace: two containers cannot listen on one port.</summary>
    private void CheckPorts(List<SidecarSettings> sidecars, Dictionary<string, TableNode> tables, (string Name, int? Port, bool HasHealthCheck) app)
    {
        var taken = new Dictionary<int, string>();
        if (app.Port is { } appPort)
        {
            taken[appPort] = app.Name;
        }

        foreach (var sidecar in sidecars.Where(s => s.Port is not null))
        {
            if (taken.TryGetValue(sidecar.Port!.Value, out var other))
            {
                diagnostics.Add(
                    Fields.Integer(tables[sidecar.Name], "port").Origin!,
                    $"container {other} already listens on {sidecar.Port}",
                    "the containers of a task share one network (awsvpc), so each needs its own port");
            }
            else
            {
                taken[sidecar.Port.Value] = sidecar.Name;
            }
        }
    }

    private void CheckTarget(List<SidecarSettings> sidecars, Dictionary<string, TableNode> tables, ServiceShape service)
    {
        string? first = null;
        foreach (var sidecar in sidecars.Where(s => s.IsTarget))
        {
            var origin = Fields.Boolean(tables[sidecar.Name], "target").Origin!;
            if (service.Kind != ServiceKind.Web)
            {
                diagnostics.Add(origin, $"a{(service.Kind == ServiceKind.Internal ? "n internal service" : " worker")} has no load balancer to target a container", "remove target");
            }
            else if (sidecar.Port is null)
            {
                diagnostics.Add(origin, "the load balancer targets a container's port, and this one has none", "add port = … to the container");
            }
            else if (first is not null)
            {
                diagnostics.Add(origin, $"container {first} is the load balancer's target already", "the load balancer targets one container: keep target = true on one");
            }
            else
            {
                first = sidecar.Name;
            }
        }
    }

    private void CheckDependencies(List<SidecarSettings> sidecars, Dictionary<string, TableNode> tables, (string Name, int? Port, bool HasHealthCheck) app)
    {
        var byName = sidecars.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var names = new List<string> { app.Name };
        names.AddRange(sidecars.Select(s => s.Name));
        var valid = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var sidecar in sidecars)
        {
            var entries = Fields.Map(tables[sidecar.Name], "depends_on").Entries;
            valid[sidecar.Name] = [];
            foreach (var dependency in sidecar.DependsOn)
            {
                var origin = entries[dependency.Container].Origin;
                var isApp = dependency.Container == app.Name;
                if (dependency.Container == sidecar.Name)
                {
                    diagnostics.Add(origin, "a container cannot wait for itself");
                    continue;
                }

                if (!isApp && !byName.ContainsKey(dependency.Container))
                {
                    var close = Suggestions.Closest(dependency.Container, names);
                    diagnostics.Add(origin, $"the task has no container \"{dependency.Container}\"", close is null ? $"its containers: {string.Join(", ", names)}" : $"did you mean \"{close}\"?");
                    continue;
                }

                var (hasCheck, essential) = isApp ? (app.HasHealthCheck, true) : (byName[dependency.Container].HealthCheck is not null, byName[dependency.Container].Essential);
                if (dependency.Condition == DependencyConditions.Healthy && !hasCheck)
                {
                    diagnostics.Add(
                        origin,
                        $"container {dependency.Container} has no health check, so it never becomes HEALTHY",
                        isApp ? "give the service's container one with [health] command" : $"give it one with [containers.{dependency.Container}.health] command");
                }
                else if (dependency.Condition is DependencyConditions.Complete or DependencyConditions.Success && essential)
                {
                    diagnostics.Add(
                        origin,
                        $"container {dependency.Container} is essential: its exit stops the task, so nothing can wait for it to {(dependency.Condition == DependencyConditions.Success ? "succeed" : "complete")}",
                        isApp ? "wait for START or HEALTHY" : $"set essential = false on {dependency.Container}, or wait for START or HEALTHY");
                }

                valid[sidecar.Name].Add(dependency.Container);
            }
        }

        if (Cycle(valid) is { } cycle)
        {
            var origin = Fields.Map(tables[cycle[0]], "depends_on").Entries[cycle[1]].Origin;
            diagnostics.Add(origin, $"the containers wait for each other in a circle: {string.Join(" → ", cycle)}", "no container of the circle could ever start; remove one of its depends_on entries");
        }
    }

    /// <summary>The first circle of waits found, as a path that returns to its start; null when there is none.</summary>
    private static List<string>? Cycle(Dictionary<string, List<string>> edges)
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        foreach (var start in edges.Keys)
        {
            var path = new List<string>();
            if (Visit(start, path))
            {
                return path;
            }
        }

        return null;

        bool Visit(string node, List<string> path)
        {
            var at = path.IndexOf(node);
            if (at >= 0)
            {
                path.RemoveRange(0, at);
                path.Add(node);
                return true;
            }

            if (done.Contains(node) || !edges.TryGetValue(node, out var next))
            {
                return false;
            }

            path.Add(node);
            foreach (var dependency in next)
            {
                if (Visit(dependency, path))
                {
                    return true;
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(node);
            return false;
        }
    }

    private void CheckSizes(List<SidecarSettings> sidecars, Dictionary<string, TableNode> tables, ResourceSettings resources)
    {
        foreach (var sidecar in sidecars.Where(s => s.Memory > resources.Memory))
        {
            diagnostics.Add(Fields.Integer(tables[sidecar.Name], "memory").Origin!, $"{sidecar.Memory} MiB is more than the task's memory ({resources.Memory} MiB)", "a container's limit is at most [resources] memory");
        }

        var cpu = sidecars.Sum(s => s.Cpu ?? 0);
        if (cpu > resources.Cpu)
        {
            var last = sidecars.Last(s => s.Cpu is not null);
            diagnostics.Add(Fields.Integer(tables[last.Name], "cpu").Origin!, $"the containers reserve {cpu} CPU units, more than the task's {resources.Cpu}", "raise [resources] cpu or reserve less");
        }
    }

    private static Origin Missing(TableNode table, string key) =>
        new(KeyPaths.Join(table.Origin.KeyPath, key), table.Origin.Position, table.Origin.Environment);

    private static ReadOnlyDictionary<string, string> ReadOnly(IReadOnlyDictionary<string, (string Value, Origin Origin)> entries) =>
        entries.Count == 0
            ? ReadOnlyDictionary<string, string>.Empty
            : new ReadOnlyDictionary<string, string>(entries.ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal));
}

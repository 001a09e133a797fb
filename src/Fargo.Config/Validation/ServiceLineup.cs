using Fargo.Config.Model;
using Fargo.Config.Schema;

namespace Fargo.Config.Validation;

/// <summary>
/// One service of the app before any environment: the top level with its [services.&lt;name&gt;] table merged over it,
/// its kind, its port (null for a worker) and the services it calls. Kind, port and calls are the same in every
/// environment, so they are settled once here.
/// </summary>
internal sealed record ServiceShape(string Name, TableNode Merged, ServiceKind Kind, int? Port, IReadOnlyList<ServiceCall> Calls)
{
    /// <summary>Whether the file has [services]: then the top level holds defaults, and a service's own table is its own.</summary>
    public bool OfSeveral { get; init; }

    /// <summary>The service whose database this one uses ([database] service); null for none or its own.</summary>
    public string? DatabaseOwner { get; init; }

    /// <summary>The services this one needs before it: the ones it calls, then its database's owner.</summary>
    public IEnumerable<string> Needs => DatabaseOwner is { } owner
        ? Calls.Select(c => c.Service).Append(owner)
        : Calls.Select(c => c.Service);

    /// <summary>
    /// Whether a value was written for this service itself rather than inherited as a default of every service: in a file
    /// of one service everything is its own; in a file of several, what [services.x] or [environments.e.services.x] says.
    /// </summary>
    public bool IsOwn(Origin origin) =>
        !OfSeveral || origin.KeyPath.StartsWith("services.", StringComparison.Ordinal) || origin.KeyPath.Contains(".services.", StringComparison.Ordinal);
}

/// <summary>
/// Settles the app's services: a file without [services] is one service named by name; with it, each
/// [services.&lt;name&gt;] is a service taking the top level as its defaults. Checks what only the whole set shows:
/// ports by kind, and that every call names another service of the app that can be called.
/// </summary>
internal sealed class ServiceLineup(DiagnosticBag diagnostics)
{
    public IReadOnlyList<ServiceShape> Resolve(string app, TableNode top, IReadOnlyList<ServiceDeclaration> services)
    {
        var topCalls = Fields.Strings(top, "calls");
        if (topCalls.IsWritten)
        {
            diagnostics.Add(
                topCalls.Origin!,
                services.Count == 0 ? "a file of one service has no other service to call" : "calls is set per service, not for every service",
                services.Count == 0 ? "declare the app's services in [services.<name>] tables, each with its own calls" : "move it into the [services.<name>] table of the service that calls");
        }

        var declared = services.Count == 0
            ? [new ServiceDeclaration(app, top.Origin, new TableNode(top.Origin))]
            : services;
        var shapes = declared.Select(d => Shape(d, EnvironmentMerger.Merge(top, d.Overrides), services.Count > 0)).ToList();
        RefuseTopLevelDatabaseOwner(top, services.Count);
        var resolved = shapes.Select(shape => shape with { Calls = Calls(shape, shapes), DatabaseOwner = DatabaseOwner(shape, shapes) }).ToList();
        RefuseCycle(resolved);
        return resolved;
    }

    /// <summary>[database] service at the top level would make every service, the owner too, use the owner's database.</summary>
    private void RefuseTopLevelDatabaseOwner(TableNode top, int services)
    {
        if (Fields.String(Fields.Table(top, "database"), "service") is { IsWritten: true } owner)
        {
            diagnostics.Add(
                owner.Origin!,
                services == 0 ? "a file of one service has no other service whose database it could use" : "the database's service is set per service, not for every service",
                services == 0 ? "declare the app's services in [services.<name>] tables" : "set database = { service = \"" + owner.Value + "\" } in the [services.<name>] table of the service that uses it");
        }
    }

    /// <summary>
    /// The owner of the database a service uses: another service of the app with a database of its own. Written for the
    /// service itself only (the top level is refused above); an environment cannot change it (SettingsResolver).
    /// </summary>
    private string? DatabaseOwner(ServiceShape user, IReadOnlyList<ServiceShape> shapes)
    {
        var field = Fields.String(Fields.Table(user.Merged, "database"), "service");
        if (!field.IsWritten || !user.IsOwn(field.Origin!))
        {
            return null;
        }

        var name = field.Value;
        var owner = shapes.FirstOrDefault(s => s.Name == name);
        if (owner is null)
        {
            var close = Suggestions.Closest(name, [.. shapes.Where(s => s != user).Select(s => s.Name)]);
            diagnostics.Add(field.Origin!, $"the app has no service \"{name}\"", close is null ? $"its services: {string.Join(", ", shapes.Select(s => s.Name))}" : $"did you mean \"{close}\"?");
            return null;
        }

        if (owner == user)
        {
            diagnostics.Add(field.Origin!, "a service's database is its own already", "remove service: a [database] table without it is the service's own");
            return null;
        }

        if (Fields.Table(owner.Merged, "database") is not { } ownerDatabase || Fields.String(ownerDatabase, "service").IsWritten)
        {
            var owners = shapes.Where(s => s != user && Fields.Table(s.Merged, "database") is { } table && !Fields.String(table, "service").IsWritten).Select(s => s.Name).ToList();
            diagnostics.Add(
                field.Origin!,
                $"\"{name}\" has no database of its own to share",
                owners.Count > 0 ? $"the services with one: {string.Join(", ", owners)}" : $"give {name} a [services.{name}.database] table (or the app a [database]), and use that");
            return null;
        }

        return name;
    }

    /// <summary>
    /// Calls that go round (a calls b, b calls a) cannot be deployed: a called service's stack comes before its
    /// callers' (the caller's stack holds the rule that opens the called service's port to it), and a cycle has no first.
    /// The first cycle found is reported on the call that closes it.
    /// </summary>
    private void RefuseCycle(IReadOnlyList<ServiceShape> shapes)
    {
        var byName = shapes.ToDictionary(s => s.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var shape in shapes)
        {
            if (Visit(shape) is { } cycle)
            {
                var closing = byName[cycle[^2]];
                var calls = Fields.Strings(closing.Merged, "calls");
                if (calls.IsWritten && calls.Value.FirstOrDefault(entry => entry.Value == cycle[^1]) is { Value: not null } entry && closing.Calls.Any(c => c.Service == cycle[^1]))
                {
                    diagnostics.Add(
                        calls.Origin! with { Position = entry.Position },
                        $"the services {(AllCallsIn(byName, cycle) ? "call each other" : "need each other")} in a circle ({string.Join(" -> ", cycle)})",
                        "a called service is deployed before its callers, and a circle has no first: let one of them reach the other another way (a queue, or a web service's public URL)");
                }
                else
                {
                    diagnostics.Add(
                        Fields.String(Fields.Table(closing.Merged, "database"), "service").Origin!,
                        $"the services need each other in a circle ({string.Join(" -> ", cycle)})",
                        "a database's owner is deployed before the services that use it, as a called service before its callers, and a circle has no first");
                }

                return;
            }
        }

        List<string>? Visit(ServiceShape shape)
        {
            if (done.Contains(shape.Name))
            {
                return null;
            }

            var at = path.IndexOf(shape.Name);
            if (at >= 0)
            {
                return [.. path[at..], shape.Name];
            }

            path.Add(shape.Name);
            foreach (var needed in shape.Needs)
            {
                if (Visit(byName[needed]) is { } cycle)
                {
                    return cycle;
                }
            }

            path.RemoveAt(path.Count - 1);
            done.Add(shape.Name);
            return null;
        }
    }

    private static bool AllCallsIn(Dictionary<string, ServiceShape> byName, List<string> cycle) =>
        cycle.Zip(cycle.Skip(1)).All(edge => byName[edge.First].Calls.Any(c => c.Service == edge.Second));

    private ServiceShape Shape(ServiceDeclaration declaration, TableNode merged, bool ofSeveral)
    {
        var kind = ServiceKinds.Parse(Fields.String(merged, "kind").Or(ServiceKinds.Web));
        var port = Fields.Integer(merged, "port");
        var shape = new ServiceShape(declaration.Name, merged, kind, null, ServiceSettings.NoCalls) { OfSeveral = ofSeveral };
        if (kind == ServiceKind.Worker)
        {
            if (port.IsWritten && shape.IsOwn(port.Origin!))
            {
                diagnostics.Add(port.Origin!, "a worker has no port", "a worker neither listens nor is called; remove port, or make it kind = \"internal\"");
            }

            return shape;
        }

        if (!port.IsWritten && !port.IsRejected)
        {
            var (origin, hint) = ofSeveral
                ? (new Origin(KeyPaths.Join(declaration.Origin.KeyPath, "port"), declaration.Origin.Position), $"a {ServiceKinds.Format(kind)} service listens on a port: port = 8080 in [{declaration.Origin.KeyPath}], or at the top level for every service")
                : (new Origin("port", new Toml.TomlPosition(1, 1)), "add it at the top of the file, e.g. port = 8080 (a worker, kind = \"worker\", has none)");
            diagnostics.Add(origin, "required key is missing", hint);
        }

        return shape with { Port = port.IsWritten ? (int)port.Value : null };
    }

    private List<ServiceCall> Calls(ServiceShape caller, IReadOnlyList<ServiceShape> shapes)
    {
        var calls = new List<ServiceCall>();
        var field = Fields.Strings(caller.Merged, "calls");
        if (!field.IsWritten || !caller.IsOwn(field.Origin!))
        {
            return calls;
        }

        foreach (var (name, position) in field.Value)
        {
            var origin = field.Origin! with { Position = position };
            var callee = shapes.FirstOrDefault(s => s.Name == name);
            if (callee is null)
            {
                var close = Suggestions.Closest(name, [.. shapes.Select(s => s.Name)]);
                diagnostics.Add(origin, $"the app has no service \"{name}\"", close is null ? $"its services: {string.Join(", ", shapes.Select(s => s.Name))}" : $"did you mean \"{close}\"?");
            }
            else if (callee == caller)
            {
                diagnostics.Add(origin, "a service does not call itself through the environment", "remove it: the service reaches itself on localhost");
            }
            else if (callee.Kind == ServiceKind.Worker)
            {
                diagnostics.Add(origin, $"\"{name}\" is a worker, which has no port to call", $"make {name} kind = \"internal\" to call it");
            }
            else if (calls.Any(c => c.Service == name))
            {
                diagnostics.Add(origin, $"\"{name}\" is listed twice");
            }
            else if (callee.Port is { } port)
            {
                calls.Add(new ServiceCall(name, port, ServiceCall.VariableFor(name)));
            }
        }

        return calls;
    }
}

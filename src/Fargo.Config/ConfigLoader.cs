using Fargo.Config.Model;
using Fargo.Config.Schema;
using Fargo.Config.Toml;
using Fargo.Config.Validation;

namespace Fargo.Config;

/// <summary>
/// Reads a fargo.toml (or a flat deploy file), validates all of it — every environment's merged settings
/// included — and resolves it. Any problem throws <see cref="ConfigException"/> listing every problem found.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage(
    "Performance",
    "CA1822:Mark members as static",
    Justification = "An instance API by design (callers hold a loader), so that options can be added without changing every call site.")]
public sealed class ConfigLoader
{
    /// <summary>Keys only the flat format has; the full format puts account and region under each environment.</summary>
    private static readonly string[] FlatOnlyKeys = ["account", "region", "cluster", "service", "execution_role_arn", "task_role_arn"];

    /// <exception cref="ConfigException">The file cannot be read or is not valid.</exception>
    public LoadedConfig Load(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            var reason = e is FileNotFoundException or DirectoryNotFoundException ? "the file does not exist" : $"cannot read the file: {e.Message}";
            throw new ConfigException([new ConfigDiagnostic(path, 0, 0, "", reason)]);
        }

        return Read(() => TomlParser.Parse(bytes), path);
    }

    /// <summary>Reads configuration text; <paramref name="path"/> names it in diagnostics and is the image build context's anchor.</summary>
    /// <exception cref="ConfigException">The text is not valid.</exception>
    public LoadedConfig Parse(string text, string path)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Read(() => TomlParser.Parse(text), path);
    }

    private static LoadedConfig Read(Func<TomlTable> parse, string path)
    {
        TomlTable root;
        try
        {
            root = parse();
        }
        catch (TomlException e)
        {
            throw new ConfigException([new ConfigDiagnostic(path, e.Position.Line, e.Position.Column, "", $"invalid TOML: {e.Reason}")]);
        }

        var diagnostics = new DiagnosticBag(path);
        var flatKeys = root.Keys.Where(FlatOnlyKeys.Contains).ToHashSet(StringComparer.Ordinal);
        var isFlat = flatKeys.Count > 0 && root.Keys.All(k => k == "port" || !IsFullKey(k));
        LoadedConfig config = isFlat
            ? ReadFlat(root, path, diagnostics)
            : ReadFull(root, flatKeys, path, diagnostics);

        return diagnostics.IsEmpty ? config : throw new ConfigException(diagnostics.ToList());
    }

    private static bool IsFullKey(string key) => ConfigSchema.Find(ConfigFormat.Full, key) is not null;

    private static FlatConfig ReadFlat(TomlTable root, string path, DiagnosticBag diagnostics)
    {
        var top = new SchemaReader(diagnostics).ReadFlat(root);
        var settings = new FlatServiceConfig(
            Account: Fields.String(top, "account").Or(""),
            Region: Fields.String(top, "region").Or(""),
            Cluster: Fields.String(top, "cluster").Or(""),
            Service: Fields.String(top, "service").Or(""),
            Port: (int)Fields.Integer(top, "port").Or(0),
            ExecutionRoleArn: Fields.String(top, "execution_role_arn").Or(""),
            TaskRoleArn: Fields.String(top, "task_role_arn").Or(""));
        return new FlatConfig(path, settings);
    }

    private static ServiceConfig ReadFull(TomlTable root, HashSet<string> flatKeys, string path, DiagnosticBag diagnostics)
    {
        foreach (var key in root.Keys.Where(flatKeys.Contains))
        {
            diagnostics.Add(
                root.KeyPositions.TryGetValue(key, out var position) ? position : root.Entries[key].Position,
                key,
                $"\"{key}\" belongs to the flat format, which cannot be mixed with the full format (name, port and tables)",
                key is "account" or "region"
                    ? $"in a full fargo.toml, {key} is set per environment: [environments.<env>] {key} = \"…\""
                    : "a flat file has only account, region, cluster, service, port, execution_role_arn and task_role_arn");
        }

        var (top, declarations, serviceDeclarations) = new SchemaReader(diagnostics).ReadFull(root, flatKeys);
        var name = Fields.String(top, "name").Or("service");
        var contextDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? Directory.GetCurrentDirectory();
        var resolver = new SettingsResolver(diagnostics, contextDirectory);
        var services = new ServiceLineup(diagnostics).Resolve(name, top, serviceDeclarations);
        CheckServiceOverrides(declarations, services, diagnostics);

        var names = new List<string> { ConfigSchema.LocalEnvironment };
        names.AddRange(declarations.Select(d => d.Name).Where(n => n != ConfigSchema.LocalEnvironment));
        var environments = new Dictionary<string, IReadOnlyList<ServiceSettings>>(StringComparer.Ordinal);
        foreach (var environment in names)
        {
            var declaration = declarations.FirstOrDefault(d => d.Name == environment);
            environments[environment] = WithSharedDatabases([.. services.Select(service =>
            {
                var merged = declaration is null ? service.Merged : EnvironmentMerger.Merge(service.Merged, declaration.Overrides);
                if (declaration?.ServiceOverrides.GetValueOrDefault(service.Name) is { } own)
                {
                    merged = EnvironmentMerger.Merge(merged, own);
                }

                return resolver.Resolve(name, service, declaration, environment, merged);
            })]);
        }

        var pipeline = new PipelineResolver(diagnostics).Resolve(top, [.. names.Select(n => environments[n][0])]);
        return new ServiceConfig(name, path, names, environments, pipeline);
    }

    /// <summary>
    /// A service that uses another's database gets the owner's description of the instance in this environment (its
    /// name, engine, size…), keeping its own variables: the one instance is described in one place, the owner's tables.
    /// </summary>
    private static List<ServiceSettings> WithSharedDatabases(List<ServiceSettings> services) =>
        [.. services.Select(service => service.Database is { Owner: { } owner } used && services.FirstOrDefault(s => s.Name == owner)?.Database is { Owner: null } own
            ? service with { Database = own with { Variables = used.Variables, Owner = owner } }
            : service)];

    /// <summary>[environments.&lt;env&gt;.services.&lt;service&gt;] may only name a service of [services].</summary>
    private static void CheckServiceOverrides(IReadOnlyList<EnvironmentDeclaration> environments, IReadOnlyList<ServiceShape> services, DiagnosticBag diagnostics)
    {
        foreach (var (_, overrides) in environments.SelectMany(e => e.ServiceOverrides).Where(o => services.All(s => s.Name != o.Key)))
        {
            var known = services.Select(s => s.Name).ToList();
            diagnostics.Add(
                overrides.Origin,
                services is [{ OfSeveral: false }] ? "this file is one service and has no [services] to override" : "no such service in [services]",
                services is [{ OfSeveral: false }]
                    ? "override the service with the environment's own keys: [environments.<env>.scaling] …"
                    : Suggestions.Closest(overrides.Origin.KeyPath[(overrides.Origin.KeyPath.LastIndexOf('.') + 1)..], known) is { } close ? $"did you mean \"{close}\"?" : $"its services: {string.Join(", ", known)}");
        }
    }
}

using System.Globalization;
using Fargo.Config.Schema;
using Fargo.Config.Toml;

namespace Fargo.Config.Validation;

/// <summary>An environment as the file declares it: its own keys and its overrides, not yet merged.</summary>
internal sealed record EnvironmentDeclaration(
    string Name,
    Origin Origin,
    ValueNode? Account,
    ValueNode? Region,
    ValueNode? RequiresApproval,
    TableNode Overrides)
{
    /// <summary>[environments.&lt;env&gt;.services.&lt;service&gt;]: this environment's overrides of one service, by service name.</summary>
    public IReadOnlyDictionary<string, TableNode> ServiceOverrides { get; init; } = new Dictionary<string, TableNode>(StringComparer.Ordinal);
}

/// <summary>A [services.&lt;service&gt;] table as the file declares it: its keys over the top level's, not yet merged.</summary>
internal sealed record ServiceDeclaration(string Name, Origin Origin, TableNode Overrides);

/// <summary>
/// Checks a TOML document against <see cref="ConfigSchema"/>: unknown keys, types, ranges, allowed values
/// and formats, each value on its own. What passes becomes a tree of nodes that remember where every value
/// was written; what fails is reported and kept as a <see cref="RejectedNode"/>.
/// </summary>
internal sealed class SchemaReader(DiagnosticBag diagnostics)
{
    private static readonly string[] EnvironmentOwnKeys = ["account", "region", "requires_approval"];
    private static readonly string[] RequiredEnvironmentKeys = ["account", "region"];
    private static readonly string[] FixedKeys = ["name", "port", "kind", "calls", "environments", "pipeline", "services"];

    /// <summary>The top level of a full file (without <paramref name="skip"/>ped keys), with its environments and services.</summary>
    public (TableNode Base, IReadOnlyList<EnvironmentDeclaration> Environments, IReadOnlyList<ServiceDeclaration> Services) ReadFull(TomlTable root, IReadOnlySet<string> skip)
    {
        var top = new TableNode(new Origin("", root.Position));
        IReadOnlyList<EnvironmentDeclaration> environments = [];
        IReadOnlyList<ServiceDeclaration> services = [];
        foreach (var key in root.Keys)
        {
            if (skip.Contains(key))
            {
                continue;
            }

            if (key == "environments")
            {
                environments = ReadEnvironments(root, key);
                continue;
            }

            if (key == "services")
            {
                services = ReadServices(root, key);
                continue;
            }

            if (ReadKey(ConfigFormat.Full, "", "", root, key, environment: null) is { } node)
            {
                top.Entries[key] = node;
            }
        }

        RequireKeys(ConfigFormat.Full, root);
        return (top, environments, services);
    }

    /// <summary>The keys of a flat file.</summary>
    public TableNode ReadFlat(TomlTable root)
    {
        var top = new TableNode(new Origin("", root.Position));
        foreach (var key in root.Keys)
        {
            if (ReadKey(ConfigFormat.Flat, "", "", root, key, environment: null) is { } node)
            {
                top.Entries[key] = node;
            }
        }

        RequireKeys(ConfigFormat.Flat, root);
        return top;
    }

    private void RequireKeys(ConfigFormat format, TomlTable root)
    {
        foreach (var key in ConfigSchema.Children(format, "").Where(k => k.Required && !root.Entries.ContainsKey(k.Name)))
        {
            diagnostics.Add(new TomlPosition(1, 1), key.Path, "required key is missing", $"add it at the top of the file, e.g. {key.Example}");
        }
    }

    private List<EnvironmentDeclaration> ReadEnvironments(TomlTable root, string key)
    {
        var declarations = new List<EnvironmentDeclaration>();
        if (root.Entries[key] is not TomlTable table)
        {
            TypeMismatch(ConfigSchema.Find(ConfigFormat.Full, key)!, root.Entries[key], new Origin(key, root.Entries[key].Position));
            return declarations;
        }

        foreach (var name in table.Keys)
        {
            var path = KeyPaths.Join(key, name);
            var origin = new Origin(path, KeyPosition(table, name), name);
            var nameProblem = ValueRules.CheckEnvironmentName(name);
            if (nameProblem is not null)
            {
                diagnostics.Add(origin, nameProblem.Message, nameProblem.Hint);
            }

            if (table.Entries[name] is not TomlTable environment)
            {
                TypeMismatch(ConfigSchema.Find(ConfigFormat.Full, $"{key}.{ConfigSchema.EnvironmentPlaceholder}")!, table.Entries[name], origin);
                continue;
            }

            var declaration = ReadEnvironment(name, origin, environment);
            if (nameProblem is null)
            {
                declarations.Add(declaration);
            }
        }

        return declarations;
    }

    private List<ServiceDeclaration> ReadServices(TomlTable root, string key)
    {
        var declarations = new List<ServiceDeclaration>();
        if (root.Entries[key] is not TomlTable table)
        {
            TypeMismatch(ConfigSchema.Find(ConfigFormat.Full, key)!, root.Entries[key], new Origin(key, root.Entries[key].Position));
            return declarations;
        }

        if (table.Keys.Count == 0)
        {
            diagnostics.Add(new Origin(key, KeyPosition(root, key)), "[services] names no service", "add [services.<name>] for each service, or remove [services] for a file of one service");
        }

        foreach (var name in table.Keys)
        {
            var origin = new Origin(KeyPaths.Join(key, name), KeyPosition(table, name));
            var nameProblem = ValueRules.Check(ValueRule.ServiceName, name);
            if (nameProblem is not null)
            {
                diagnostics.Add(origin, nameProblem.Message, nameProblem.Hint);
            }

            if (table.Entries[name] is not TomlTable service)
            {
                TypeMismatch(ConfigSchema.Find(ConfigFormat.Full, $"{key}.{ConfigSchema.ServicePlaceholder}")!, table.Entries[name], origin);
                continue;
            }

            var overrides = ReadOverrides(origin, service, ConfigSchema.ServiceKeys, environment: null, "a service");
            if (nameProblem is null)
            {
                declarations.Add(new ServiceDeclaration(name, origin, overrides));
            }
        }

        return declarations;
    }

    /// <summary>
    /// The keys of a table that overrides the top level ([services.x], [environments.prod.services.x]): each read
    /// against the top-level schema when <paramref name="allowed"/> lists it, else reported.
    /// </summary>
    private TableNode ReadOverrides(Origin origin, TomlTable table, IReadOnlyList<string> allowed, string? environment, string what)
    {
        var overrides = new TableNode(origin);
        foreach (var key in table.Keys)
        {
            var path = KeyPaths.Join(origin.KeyPath, key);
            if (allowed.Contains(key))
            {
                if (ReadKey(ConfigFormat.Full, "", origin.KeyPath, table, key, environment) is { } node)
                {
                    overrides.Entries[key] = node;
                }
            }
            else if (FixedKeys.Contains(key))
            {
                diagnostics.Add(new Origin(path, KeyPosition(table, key), environment), $"\"{key}\" cannot be set for {what}", FixedKeyHint(key));
            }
            else
            {
                ReportUnknown(new Origin(path, KeyPosition(table, key), environment), key, allowed, ConfigFormat.Full, "");
            }
        }

        return overrides;
    }

    private static string FixedKeyHint(string key) => key switch
    {
        "environments" => "environments are not nested: [environments.<env>.services.<service>] overrides one service in one environment",
        "services" => "services are not nested",
        "pipeline" => "the pipeline spans the environments: set [pipeline] at the top level, and its stages in order",
        "name" => "a service is named by its table, [services.<name>]",
        _ => $"{key} is the same in every environment; set it at the top of the file, or in [services.<service>]",
    };

    private Dictionary<string, TableNode> ReadEnvironmentServices(string environment, Origin origin, TomlValue value)
    {
        var overrides = new Dictionary<string, TableNode>(StringComparer.Ordinal);
        if (value is not TomlTable table)
        {
            TypeMismatch(ConfigSchema.Find(ConfigFormat.Full, $"environments.{ConfigSchema.EnvironmentPlaceholder}.services")!, value, origin);
            return overrides;
        }

        foreach (var name in table.Keys)
        {
            var serviceOrigin = new Origin(KeyPaths.Join(origin.KeyPath, name), KeyPosition(table, name), environment);
            if (table.Entries[name] is not TomlTable service)
            {
                TypeMismatch(ConfigSchema.Find(ConfigFormat.Full, $"services.{ConfigSchema.ServicePlaceholder}")!, table.Entries[name], serviceOrigin);
                continue;
            }

            overrides[name] = ReadOverrides(serviceOrigin, service, ConfigSchema.OverridableKeys, environment, "a service per environment");
        }

        return overrides;
    }

    private EnvironmentDeclaration ReadEnvironment(string name, Origin origin, TomlTable table)
    {
        var isLocal = name == ConfigSchema.LocalEnvironment;
        var own = new Dictionary<string, ValueNode>(StringComparer.Ordinal);
        var overrides = new TableNode(origin);
        var serviceOverrides = new Dictionary<string, TableNode>(StringComparer.Ordinal);
        foreach (var key in table.Keys)
        {
            var path = KeyPaths.Join(origin.KeyPath, key);
            if (key == "services")
            {
                serviceOverrides = ReadEnvironmentServices(name, new Origin(path, KeyPosition(table, key), name), table.Entries[key]);
            }
            else if (EnvironmentOwnKeys.Contains(key))
            {
                if (isLocal && key != "requires_approval")
                {
                    diagnostics.Add(
                        new Origin(path, KeyPosition(table, key), name),
                        "the local environment always runs on the local region (account 000000000000, region \"local\")",
                        "remove this key, or name the environment differently");
                    continue;
                }

                if (ReadKey(ConfigFormat.Full, $"environments.{ConfigSchema.EnvironmentPlaceholder}", origin.KeyPath, table, key, name) is ValueNode value)
                {
                    own[key] = value;
                }
            }
            else if (ConfigSchema.OverridableKeys.Contains(key))
            {
                if (ReadKey(ConfigFormat.Full, "", origin.KeyPath, table, key, name) is { } node)
                {
                    overrides.Entries[key] = node;
                }
            }
            else if (FixedKeys.Contains(key))
            {
                diagnostics.Add(
                    new Origin(path, KeyPosition(table, key), name),
                    $"\"{key}\" cannot be set per environment",
                    FixedKeyHint(key));
            }
            else
            {
                ReportUnknown(new Origin(path, KeyPosition(table, key), name), key, [.. EnvironmentOwnKeys, .. ConfigSchema.OverridableKeys], ConfigFormat.Full, "");
            }
        }

        if (!isLocal)
        {
            foreach (var key in RequiredEnvironmentKeys.Where(k => !table.Entries.ContainsKey(k)))
            {
                diagnostics.Add(
                    new Origin(KeyPaths.Join(origin.KeyPath, key), origin.Position, name),
                    "required key is missing",
                    "an AWS environment names its account (12 digits, as a string) and its region");
            }
        }

        return new EnvironmentDeclaration(name, origin, own.GetValueOrDefault("account"), own.GetValueOrDefault("region"), own.GetValueOrDefault("requires_approval"), overrides)
        {
            ServiceOverrides = serviceOverrides,
        };
    }

    /// <summary>Reads table[key] against the schema key at schemaParent.key; null when the key is unknown.</summary>
    private Node? ReadKey(ConfigFormat format, string schemaParent, string pathParent, TomlTable table, string key, string? environment)
    {
        var value = table.Entries[key];
        var path = KeyPaths.Join(pathParent, key);
        var keyPosition = KeyPosition(table, key);
        var entry = ConfigSchema.Find(format, schemaParent.Length == 0 ? key : $"{schemaParent}.{key}");
        if (entry is null || entry.Name.StartsWith('<'))
        {
            var candidates = ConfigSchema.Children(format, schemaParent).Select(k => k.Name).Where(n => !n.StartsWith('<'));
            ReportUnknown(new Origin(path, keyPosition, environment), key, [.. candidates], format, schemaParent);
            return null;
        }

        return entry.Type switch
        {
            ConfigValueType.Table when value is TomlTable nested => ReadTable(entry, nested, new Origin(path, keyPosition, environment)),
            ConfigValueType.StringMap when value is TomlTable map => ReadMap(entry, map, new Origin(path, keyPosition, environment)),
            ConfigValueType.StringArray when value is TomlArray array => ReadArray(entry, array, new Origin(path, value.Position, environment)),
            ConfigValueType.NamedTables when value is TomlTable named => ReadNamedTables(entry, named, new Origin(path, keyPosition, environment)),
            ConfigValueType.Conditions when value is TomlTable conditions => ReadConditions(conditions, new Origin(path, keyPosition, environment)),
            ConfigValueType.Commands when value is TomlArray commands => ReadArray(entry, commands, new Origin(path, value.Position, environment)),
            ConfigValueType.Commands when value is TomlString => ReadScalar(entry with { Type = ConfigValueType.String }, value, new Origin(path, value.Position, environment)),
            ConfigValueType.Table or ConfigValueType.StringMap or ConfigValueType.StringArray or ConfigValueType.NamedTables or ConfigValueType.Conditions or ConfigValueType.Commands => TypeMismatch(entry, value, new Origin(path, value.Position, environment)),
            _ => ReadScalar(entry, value, new Origin(path, value.Position, environment)),
        };
    }

    private TableNode ReadTable(ConfigKey entry, TomlTable table, Origin origin)
    {
        var node = new TableNode(origin);
        foreach (var key in table.Keys)
        {
            if (ReadKey(entry.Format, entry.Path, origin.KeyPath, table, key, origin.Environment) is { } child)
            {
                node.Entries[key] = child;
            }
        }

        // One table cannot ask for both; across tables the more specific one wins (see EnvironmentMerger).
        if (entry.Path == "scaling" && node.Entries.TryGetValue("count", out var count) && (node.Entries.ContainsKey("min") || node.Entries.ContainsKey("max")))
        {
            diagnostics.Add(count.Origin, "count cannot be combined with min/max in the same table", "use count for a fixed number of tasks, or min and max to autoscale");
        }

        return node;
    }

    private TableNode ReadMap(ConfigKey entry, TomlTable table, Origin origin)
    {
        // A map's keys are variable names, except depends_on's, which name containers.
        var containerEntry = ConfigSchema.Find(entry.Format, $"{entry.Path}.{ConfigSchema.ContainerPlaceholder}");
        var valueEntry = containerEntry ?? ConfigSchema.Find(entry.Format, $"{entry.Path}.{ConfigSchema.VariablePlaceholder}")!;
        var nameEntry = containerEntry is null ? null : ConfigSchema.Find(entry.Format, "containers." + ConfigSchema.ContainerPlaceholder)!;
        var node = new TableNode(origin);
        foreach (var name in table.Keys)
        {
            var path = KeyPaths.Join(origin.KeyPath, name);
            if ((nameEntry is null ? ValueRules.CheckVariableName(name) : CheckString(nameEntry, name)) is { } problem)
            {
                diagnostics.Add(new Origin(path, KeyPosition(table, name), origin.Environment), problem.Message, problem.Hint);
                node.Entries[name] = new RejectedNode(new Origin(path, KeyPosition(table, name), origin.Environment));
                continue;
            }

            var value = table.Entries[name];
            node.Entries[name] = ReadScalar(valueEntry, value, new Origin(path, value.Position, origin.Environment));
        }

        return node;
    }

    /// <summary>Tables by name: each name checked by the key's rule, each table read against the schema's placeholder entry.</summary>
    private TableNode ReadNamedTables(ConfigKey entry, TomlTable table, Origin origin)
    {
        var itemEntry = ConfigSchema.Children(entry.Format, entry.Path).Single();
        var node = new TableNode(origin);
        foreach (var name in table.Keys)
        {
            var itemOrigin = new Origin(KeyPaths.Join(origin.KeyPath, name), KeyPosition(table, name), origin.Environment);
            if (CheckString(itemEntry, name) is { } problem)
            {
                diagnostics.Add(itemOrigin, problem.Message, problem.Hint);
                node.Entries[name] = new RejectedNode(itemOrigin);
            }
            else if (table.Entries[name] is TomlTable item)
            {
                node.Entries[name] = ReadTable(itemEntry, item, itemOrigin);
            }
            else
            {
                node.Entries[name] = TypeMismatch(itemEntry, table.Entries[name], itemOrigin);
            }
        }

        return node;
    }

    /// <summary>
    /// An IAM condition block as TOML: { StringEquals = { "aws:RequestedRegion" = "us-east-1" } }. Operators and keys are
    /// checked for their shape only (IAM has many, and services add their own); one bad part rejects the whole block.
    /// </summary>
    private Node ReadConditions(TomlTable conditions, Origin origin)
    {
        var rejected = false;
        void Reject(string key, TomlPosition position, ValueProblem problem)
        {
            diagnostics.Add(new Origin(key, position, origin.Environment), problem.Message, problem.Hint);
            rejected = true;
        }

        foreach (var operatorName in conditions.Keys)
        {
            var operatorPath = KeyPaths.Join(origin.KeyPath, operatorName);
            if (ValueRules.CheckConditionOperator(operatorName) is { } operatorProblem)
            {
                Reject(operatorPath, KeyPosition(conditions, operatorName), operatorProblem);
                continue;
            }

            if (conditions.Entries[operatorName] is not TomlTable keys)
            {
                Reject(operatorPath, conditions.Entries[operatorName].Position, new ValueProblem("expected a table of condition keys", $"e.g. {operatorName} = {{ \"aws:RequestedRegion\" = \"us-east-1\" }}"));
                continue;
            }

            foreach (var key in keys.Keys)
            {
                var keyPath = KeyPaths.Join(operatorPath, key);
                var value = keys.Entries[key];
                if (ValueRules.CheckConditionKey(key) is { } keyProblem)
                {
                    Reject(keyPath, KeyPosition(keys, key), keyProblem);
                }
                else if (value is not TomlString && !(value is TomlArray array && array.Items.Count > 0 && array.Items.All(i => i is TomlString)))
                {
                    Reject(keyPath, value.Position, new ValueProblem("expected a string or a non-empty array of strings", "IAM compares condition values as strings: write numbers and booleans in quotes"));
                }
            }
        }

        return rejected ? new RejectedNode(origin) : new ValueNode(conditions, origin);
    }

    /// <summary>An array of strings, each checked on its own and reported where it is written; one bad item rejects the array.</summary>
    private Node ReadArray(ConfigKey entry, TomlArray array, Origin origin)
    {
        var rejected = false;
        foreach (var item in array.Items)
        {
            var problem = item is TomlString text ? CheckString(entry, text.Value) : TypeProblem(entry with { Type = ConfigValueType.String }, item);
            if (problem is not null)
            {
                diagnostics.Add(origin with { Position = item.Position }, problem.Message, problem.Hint);
                rejected = true;
            }
        }

        return rejected ? new RejectedNode(origin) : new ValueNode(array, origin);
    }

    private Node ReadScalar(ConfigKey entry, TomlValue value, Origin origin)
    {
        var problem = (entry.Type, value) switch
        {
            (ConfigValueType.String, TomlString s) => CheckString(entry, s.Value),
            (ConfigValueType.Integer, TomlInteger i) => CheckInteger(entry, i.Value),
            (ConfigValueType.Boolean, TomlBoolean) => null,
            (ConfigValueType.Duration, TomlString s) => CheckDuration(entry, s.Value),
            _ => TypeProblem(entry, value),
        };

        if (problem is null)
        {
            return new ValueNode(value, origin);
        }

        diagnostics.Add(origin, problem.Message, problem.Hint);
        return new RejectedNode(origin);
    }

    private static ValueProblem? CheckString(ConfigKey entry, string value)
    {
        if (entry.AllowedValues.Count > 0 && !entry.AllowedValues.Contains(value))
        {
            var close = Suggestions.Closest(value, entry.AllowedValues);
            return new ValueProblem(
                $"\"{value}\" is not one of {string.Join(", ", entry.AllowedValues.Select(v => $"\"{v}\""))}",
                close is null ? null : $"did you mean \"{close}\"?");
        }

        return ValueRules.Check(entry.Rule, value);
    }

    private static ValueProblem? CheckInteger(ConfigKey entry, long value)
    {
        if (entry.AllowedValues.Count > 0 && !entry.AllowedValues.Contains(value.ToString(CultureInfo.InvariantCulture)))
        {
            var nearest = entry.AllowedValues.Select(v => long.Parse(v, CultureInfo.InvariantCulture)).MinBy(v => Math.Abs(v - value));
            return new ValueProblem($"{value} is not an allowed value (valid: {string.Join(", ", entry.AllowedValues)})", $"the nearest is {nearest}");
        }

        return OutOfRange(entry, value, value.ToString(CultureInfo.InvariantCulture), v => v.ToString(CultureInfo.InvariantCulture));
    }

    private static ValueProblem? CheckDuration(ConfigKey entry, string text)
    {
        if (!Durations.TryParse(text, out var duration, out var error))
        {
            return new ValueProblem(error!);
        }

        return OutOfRange(entry, (long)duration.TotalSeconds, $"\"{text}\"", v => Durations.Format(TimeSpan.FromSeconds(v)));
    }

    private static ValueProblem? OutOfRange(ConfigKey entry, long value, string written, Func<long, string> show) => (entry.Minimum, entry.Maximum) switch
    {
        ({ } min, { } max) when value < min || value > max =>
            new ValueProblem(max >= int.MaxValue ? $"{written} is out of range (at least {show(min)})" : $"{written} is out of range ({show(min)}-{show(max)})"),
        ({ } min, null) when value < min => new ValueProblem($"{written} is out of range (at least {show(min)})"),
        (null, { } max) when value > max => new ValueProblem($"{written} is out of range (at most {show(max)})"),
        _ => null,
    };

    private RejectedNode TypeMismatch(ConfigKey entry, TomlValue value, Origin origin)
    {
        var problem = TypeProblem(entry, value);
        diagnostics.Add(origin, problem.Message, problem.Hint);
        return new RejectedNode(origin);
    }

    private static ValueProblem TypeProblem(ConfigKey entry, TomlValue value)
    {
        var expected = entry.Type switch
        {
            ConfigValueType.String => "a string",
            ConfigValueType.Integer => "an integer",
            ConfigValueType.Boolean => "a boolean (true or false)",
            ConfigValueType.Duration => "a duration string such as \"30s\"",
            ConfigValueType.Table => "a table",
            ConfigValueType.StringArray => "an array of strings",
            ConfigValueType.NamedTables => "a table of tables",
            ConfigValueType.Conditions => "a table of IAM condition operators",
            ConfigValueType.Commands => "a command string or an array of command strings",
            _ => "a table of strings",
        };
        var found = value switch
        {
            TomlString => "a string",
            TomlInteger => "an integer",
            TomlFloat => "a float",
            TomlBoolean => "a boolean",
            TomlDateTime => "a date-time",
            TomlArray => "an array",
            _ => "a table",
        };
        var hint = (entry.Type, value) switch
        {
            (ConfigValueType.Integer, TomlString s) when long.TryParse(s.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _) => "remove the quotes",
            (ConfigValueType.Boolean, TomlString { Value: "true" or "false" }) => "remove the quotes",
            (ConfigValueType.String, TomlInteger i) => $"write it in quotes: \"{i.Value.ToString(CultureInfo.InvariantCulture)}\"",
            (ConfigValueType.String, TomlBoolean b) => $"write it in quotes: \"{(b.Value ? "true" : "false")}\"",
            (ConfigValueType.StringArray, TomlString s) => $"write it as an array: [\"{s.Value}\"]",
            (ConfigValueType.Duration, TomlInteger i) => $"write \"{i.Value.ToString(CultureInfo.InvariantCulture)}s\" for {i.Value.ToString(CultureInfo.InvariantCulture)} seconds",
            _ => null,
        };
        return new ValueProblem($"expected {expected}, found {found}", hint);
    }

    private void ReportUnknown(Origin origin, string key, IReadOnlyList<string> candidates, ConfigFormat format, string schemaParent)
    {
        var close = Suggestions.Closest(key, candidates);
        string hint;
        if (close is not null)
        {
            hint = $"did you mean \"{close}\"?";
        }
        else if (ConfigSchema.Keys.Where(k => k.Format == format && k.Name == key && k.Parent != schemaParent && !k.Parent.Contains('<', StringComparison.Ordinal)).Select(k => k.Parent).ToList() is { Count: > 0 } homes)
        {
            hint = $"\"{key}\" is a key of {string.Join(" or ", homes.Select(h => h.Length == 0 ? "the top level" : $"[{h}]"))}";
        }
        else
        {
            hint = $"known keys here: {string.Join(", ", candidates)}";
        }

        diagnostics.Add(origin, $"unknown key \"{key}\"", hint);
    }

    private static TomlPosition KeyPosition(TomlTable table, string key) =>
        table.KeyPositions.TryGetValue(key, out var position) ? position : table.Entries[key].Position;
}

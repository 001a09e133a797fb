using System.Collections.ObjectModel;
using Fargo.Config.Model;
using Fargo.Config.Schema;

namespace Fargo.Config.Validation;

/// <summary>
/// Turns one environment's merged tables into <see cref="ServiceSettings"/>: applies every default and checks
/// what no single value shows — combinations such as cpu and memory, min and max, timeout and interval.
/// A problem is reported where the user can fix it: at the value an environment overrides when one is
/// involved, else at the value written.
/// </summary>
internal sealed class SettingsResolver(DiagnosticBag diagnostics, string contextDirectory)
{
    public const string LocalAccount = "000000000000";
    public const string LocalRegion = "local";

    /// <summary>ECS's longest container health check timeout.</summary>
    private static readonly TimeSpan MaxContainerCheckTimeout = TimeSpan.FromSeconds(60);

    public ServiceSettings Resolve(string app, ServiceShape service, EnvironmentDeclaration? declaration, string environmentName, TableNode merged)
    {
        var name = service.Name;
        var target = Target(environmentName, declaration);
        var database = SharedDatabase(service, Fields.Table(merged, "database"), Database(name, Fields.Table(merged, "database")));
        var env = Fields.Map(merged, "env");
        var secrets = Fields.Map(merged, "secrets");
        CheckVariables(env.Entries, secrets.Entries, database);
        CheckCallVariables(service.Calls, env.Entries, secrets.Entries, Fields.Table(merged, "database"), database);
        DropWhatTheKindCannotUse(service, merged);
        var resources = Resources(Fields.Table(merged, "resources"));
        var network = Network(Fields.Table(merged, "network"), target);
        var names = ResourceNaming.For(name, environmentName, app);
        var local = Local(Fields.Table(merged, "local"));
        var health = Health(Fields.Table(merged, "health"));

        return new ServiceSettings(
            Name: name,
            Environment: target,
            Port: service.Port,
            Image: Image(Fields.Table(merged, "image")),
            Resources: resources,
            Container: Container(Fields.Table(merged, "container"), resources, target, local),
            Health: health,
            Scaling: Scaling(Fields.Table(merged, "scaling")),
            Deploy: Deploy(Fields.Table(merged, "deploy")),
            Env: ReadOnly(env.Entries),
            Secrets: new SecretSettings(Fields.String(merged, "secrets_path").Or($"/{name}"), ReadOnly(secrets.Entries)),
            Database: database,
            Network: network,
            Logs: new LogSettings((int)Fields.Integer(Fields.Table(merged, "logs"), "retention_days").Or(30)),
            Buckets: new BucketSettings(
                Fields.Boolean(Fields.Table(merged, "buckets"), "data").Or(false),
                Fields.Boolean(Fields.Table(merged, "buckets"), "reports").Or(false)),
            Local: local,
            Permissions: Permissions(Fields.Table(merged, "permissions")),
            Iam: Fields.Table(merged, "iam") is { } iam
                ? new IamSettings(Fields.String(iam, "path").Or("/"), Fields.String(iam, "permissions_boundary") is { IsWritten: true } boundary ? boundary.Value : null)
                : IamSettings.Default,
            // An existing cluster replaces the environment's own everywhere its name is used: stacks, deploys, roles.
            Names: network.Cluster is { } cluster ? names with { Cluster = cluster } : names)
        {
            Http = Http(Fields.Table(merged, "http"), network),
            App = app,
            Kind = service.Kind,
            Calls = service.Calls,
            Sidecars = new SidecarResolver(diagnostics).Resolve(Fields.Table(merged, "containers"), service, (names.ContainerName, service.Port, health.Command is not null), resources, target),
        };
    }

    /// <summary>The keys that describe a database instance: its owner's to set, never a service that uses it.</summary>
    private static readonly string[] DatabaseInstanceKeys = ["engine", "name", "version", "instance_class", "storage", "multi_az"];

    /// <summary>
    /// A service that uses another's database ([database] service, settled by <see cref="ServiceLineup"/>): the instance
    /// is the owner's, so its keys written for this service are mistakes, and those inherited from the app's [database]
    /// are ignored (ConfigLoader puts the owner's in their place). Which database a service uses is the same in every
    /// environment.
    /// </summary>
    private DatabaseSettings? SharedDatabase(ServiceShape service, TableNode? table, DatabaseSettings? database)
    {
        if (Fields.String(table, "service") is { IsWritten: true, Origin.IsOverride: true } changed)
        {
            diagnostics.Add(changed.Origin!, "which database a service uses is the same in every environment", $"set database = {{ service = \"{changed.Value}\" }} in [services.{service.Name}] itself");
        }

        if (service.DatabaseOwner is not { } owner || database is null)
        {
            return database;
        }

        foreach (var key in DatabaseInstanceKeys)
        {
            if (table!.Entries.GetValueOrDefault(key) is { } node && service.IsOwn(node.Origin))
            {
                diagnostics.Add(
                    node.Origin,
                    $"the database is {owner}'s: its {key} is set there",
                    $"set it in [services.{owner}.database] (or the app's [database]); keep only service and env here");
            }
        }

        return database with { Owner = owner };
    }

    /// <summary>
    /// A service without a load balancer has no requests per target to scale on. Written for the service itself that is
    /// a mistake; inherited from the app's defaults (meant for its web services) it does not apply and is dropped.
    /// </summary>
    private void DropWhatTheKindCannotUse(ServiceShape service, TableNode merged)
    {
        if (service.Kind == ServiceKind.Web || Fields.Table(merged, "scaling") is not { } scaling || Fields.Integer(scaling, "requests") is not { IsWritten: true } requests)
        {
            return;
        }

        if (service.IsOwn(requests.Origin!))
        {
            diagnostics.Add(
                requests.Origin!,
                $"a{(service.Kind == ServiceKind.Internal ? "n internal service" : " worker")} has no load balancer, so no requests per target to scale on",
                "scale it on cpu or memory");
        }

        scaling.Entries.Remove("requests");
    }

    private void CheckCallVariables(
        IReadOnlyList<ServiceCall> calls,
        IReadOnlyDictionary<string, (string Value, Origin Origin)> env,
        IReadOnlyDictionary<string, (string Value, Origin Origin)> secrets,
        TableNode? databaseTable,
        DatabaseSettings? database)
    {
        foreach (var call in calls)
        {
            if ((env.GetValueOrDefault(call.Variable).Origin ?? secrets.GetValueOrDefault(call.Variable).Origin) is { } origin)
            {
                diagnostics.Add(origin, $"{call.Variable} is set by calls", $"the task gets {call.Variable} because it calls {call.Service}; remove this one");
            }
            else if (database?.Variables.ContainsKey(call.Variable) == true && Fields.Map(databaseTable, "env").Entries.GetValueOrDefault(call.Variable).Origin is { } databaseOrigin)
            {
                diagnostics.Add(databaseOrigin, $"{call.Variable} is set by calls", $"the task gets {call.Variable} because it calls {call.Service}; name the database's variable differently");
            }
        }
    }

    /// <summary>Without a host of its own, the service answers for the environment's domain (any host when there is none).</summary>
    private static HttpSettings Http(TableNode? table, NetworkSettings network)
    {
        var host = Fields.String(table, "host") is { IsWritten: true } written ? written.Value : network.Domain;
        return new HttpSettings(host?.TrimEnd('.').ToLowerInvariant(), Fields.String(table, "path").Or("/"));
    }

    private static EnvironmentTarget Target(string name, EnvironmentDeclaration? declaration)
    {
        var requiresApproval = declaration?.RequiresApproval?.Value is Toml.TomlBoolean { Value: true };
        var account = Text(declaration?.Account);
        var region = Text(declaration?.Region);

        // A second environment may live on the local region (say, to try `fargo promote` without AWS): it names
        // the local region's account and region.
        var onLocalRegion = name == ConfigSchema.LocalEnvironment || (account == LocalAccount && region == LocalRegion);
        return onLocalRegion
            ? new EnvironmentTarget(name, LocalAccount, LocalRegion, requiresApproval, IsLocal: true)
            : new EnvironmentTarget(name, account, region, requiresApproval, IsLocal: false);

        static string? Text(ValueNode? node) => (node?.Value as Toml.TomlString)?.Value;
    }

    private ResourceSettings Resources(TableNode? table)
    {
        var cpu = Fields.Integer(table, "cpu");
        var memory = Fields.Integer(table, "memory");
        var cpuValue = (int)cpu.Or(256);
        var allowed = FargateTaskSizes.MemorySizes(cpuValue);
        var memoryValue = (int)memory.Or(allowed.Count > 0 ? allowed[0] : 0);
        if (memory.IsWritten && !cpu.IsRejected && !FargateTaskSizes.IsValid(cpuValue, memoryValue))
        {
            var fitting = FargateTaskSizes.CpuSizes.Where(c => FargateTaskSizes.IsValid(c, memoryValue)).ToList();
            var hint = cpu.IsWritten
                ? (cpu.Origin!.KeyPath != Sibling(memory.Origin!, "cpu") ? $"cpu {cpuValue} comes from {cpu.Origin.KeyPath}" : null)
                : "cpu is 256 by default";
            if (fitting.Count > 0)
            {
                hint = (hint is null ? "" : hint + "; ") + $"memory {memoryValue} needs cpu {string.Join(" or ", fitting)}";
            }

            diagnostics.Add(
                Prefer(memory.Origin!, cpu.Origin),
                $"{memoryValue} is not a valid memory size for cpu {cpuValue} (valid: {FargateTaskSizes.DescribeMemorySizes(cpuValue)})",
                hint);
        }

        var platform = Fields.String(table, "platform").Or("linux/amd64");
        var architecture = platform is "linux/arm64" or "arm64" ? CpuArchitecture.Arm64 : CpuArchitecture.X86_64;
        return new ResourceSettings(cpuValue, memoryValue, architecture);
    }

    private ImageSettings Image(TableNode? table)
    {
        var context = Fields.String(table, "context");
        var buildArgs = Fields.Map(table, "build_args").Entries;
        return new ImageSettings(
            Fields.String(table, "dockerfile").Or("Dockerfile"),
            context.IsWritten ? Path.GetFullPath(Path.Combine(contextDirectory, context.Value)) : contextDirectory)
        {
            DockerfileFolder = context.IsWritten ? Path.GetFullPath(contextDirectory) : null,
            BuildArgs = buildArgs.Count == 0 ? ImageSettings.NoBuildArgs : ReadOnly(buildArgs),
            Target = Fields.String(table, "target") is { IsWritten: true } target ? target.Value : null,
        };
    }

    private ContainerSettings Container(TableNode? table, ResourceSettings resources, EnvironmentTarget target, LocalSettings? local)
    {
        var memory = Fields.Integer(table, "memory");
        var reservation = Fields.Integer(table, "memory_reservation");
        var entryPoint = Fields.Strings(table, "entrypoint");
        if (memory.IsWritten && reservation.IsWritten && reservation.Value > memory.Value)
        {
            diagnostics.Add(
                Prefer(reservation.Origin!, memory.Origin),
                $"memory_reservation ({reservation.Value} MiB) is more than memory ({memory.Value} MiB)",
                "the soft limit is at most the hard limit");
        }

        foreach (var limit in new[] { memory, reservation }.Where(l => l.IsWritten && l.Value > resources.Memory))
        {
            diagnostics.Add(
                limit.Origin!,
                $"{limit.Value} MiB is more than the task's memory ({resources.Memory} MiB)",
                "one container per task: its limit is at most [resources] memory");
        }

        if (entryPoint is { IsWritten: true, Value.Count: 0 })
        {
            diagnostics.Add(entryPoint.Origin!, "an empty entry point runs nothing", "leave entrypoint out to keep the image's ENTRYPOINT");
        }

        IReadOnlyList<string>? Strings(Field<IReadOnlyList<(string Value, Toml.TomlPosition Position)>> field) =>
            field.IsWritten ? [.. field.Value.Select(v => v.Value)] : null;

        // The local region's image is a folder with no entry point: [local] command is its whole command line.
        var localCommand = target.IsLocal && local?.Command is { Length: > 0 } command ? CommandLine.Split(command) : null;
        return new ContainerSettings(
            memory.IsWritten ? (int)memory.Value : null,
            reservation.IsWritten ? (int)reservation.Value : null,
            localCommand is null ? Strings(entryPoint) : null,
            localCommand ?? Strings(Fields.Strings(table, "command")),
            Fields.String(table, "working_directory") is { IsWritten: true } directory ? directory.Value : null,
            Fields.Duration(table, "stop_timeout") is { IsWritten: true } timeout ? timeout.Value : null);
    }

    private HealthSettings Health(TableNode? table)
    {
        var command = Fields.Strings(table, "command");
        var timeout = Fields.Duration(table, "timeout");
        if (command.IsWritten && timeout.IsWritten && timeout.Value > MaxContainerCheckTimeout)
        {
            diagnostics.Add(
                Prefer(timeout.Origin!, command.Origin),
                $"a container health check waits at most {Durations.Format(MaxContainerCheckTimeout)} (ECS's limit), and the timeout is {Durations.Format(timeout.Value)}",
                "the timeout applies to [health] command as well as to the load balancer's check");
        }

        return HealthChecks(table) with { Command = command.IsWritten && command.Value.Count > 0 ? [.. command.Value.Select(c => c.Value)] : null };
    }

    private HealthSettings HealthChecks(TableNode? table)
    {
        var interval = Fields.Duration(table, "interval");
        var timeout = Fields.Duration(table, "timeout");
        var intervalValue = interval.Or(TimeSpan.FromSeconds(10));
        var timeoutValue = timeout.Or(TimeSpan.FromSeconds(5));
        if ((interval.IsWritten || timeout.IsWritten) && !interval.IsRejected && !timeout.IsRejected && timeoutValue >= intervalValue)
        {
            diagnostics.Add(
                Prefer(timeout.Origin ?? interval.Origin!, interval.Origin),
                $"the timeout ({Durations.Format(timeoutValue)}) must be shorter than the interval ({Durations.Format(intervalValue)}{(interval.IsWritten ? "" : ", the default")})");
        }

        return new HealthSettings(
            Fields.String(table, "path").Or("/_health"),
            intervalValue,
            timeoutValue,
            (int)Fields.Integer(table, "healthy_threshold").Or(2),
            (int)Fields.Integer(table, "unhealthy_threshold").Or(3),
            Fields.Duration(table, "grace_period").Or(TimeSpan.FromSeconds(30)),
            Fields.String(table, "success_codes").Or("200-399"));
    }

    private ScalingSettings Scaling(TableNode? table)
    {
        var count = Fields.Integer(table, "count");
        var min = Fields.Integer(table, "min");
        var max = Fields.Integer(table, "max");
        var cpu = Fields.Integer(table, "cpu");
        var memory = Fields.Integer(table, "memory");
        var requests = Fields.Integer(table, "requests");
        var spotWeight = (int)Fields.Integer(table, "spot_weight").Or(0);
        var targets = new[] { cpu, memory, requests }.Where(t => t.IsWritten).ToList();
        int? Target(Field<long> field) => field.IsWritten ? (int)field.Value : null;

        if (min.IsWritten != max.IsWritten && !min.IsRejected && !max.IsRejected)
        {
            var (written, missing) = min.IsWritten ? ("min", "max") : ("max", "min");
            diagnostics.Add((min.Origin ?? max.Origin)!, $"{written} needs {missing} as well", "autoscaling runs between scaling.min and scaling.max");
        }
        else if (min.IsWritten && max.IsWritten)
        {
            if (min.Value > max.Value)
            {
                diagnostics.Add(Prefer(min.Origin!, max.Origin), $"min ({min.Value}) is greater than max ({max.Value})");
            }
            else if (min.Value < max.Value && targets.Count == 0 && !cpu.IsRejected && !memory.IsRejected && !requests.IsRejected)
            {
                diagnostics.Add(
                    Prefer(max.Origin!, min.Origin),
                    "autoscaling between min and max needs a target",
                    "add cpu = 60 (average CPU %), memory = … (average memory %) or requests = … (per task per minute)");
            }
        }

        if (!min.IsWritten && !max.IsWritten && !min.IsRejected && !max.IsRejected)
        {
            foreach (var target in targets)
            {
                diagnostics.Add(target.Origin!, "a scaling target needs min and max", "autoscaling runs between scaling.min and scaling.max; count is a fixed number of tasks");
            }

            var fixedCount = (int)count.Or(1);
            return new ScalingSettings(fixedCount, fixedCount, fixedCount, null, null, null, spotWeight);
        }

        var lowest = (int)min.Or(1);
        var highest = (int)max.Or(Math.Max(lowest, 1));
        return new ScalingSettings(Math.Clamp(Math.Max(lowest, 1), lowest, Math.Max(highest, lowest)), lowest, highest, Target(cpu), Target(memory), Target(requests), spotWeight);
    }

    private DeploySettings Deploy(TableNode? table)
    {
        var minHealthy = Fields.Integer(table, "min_healthy_percent");
        var maxPercent = Fields.Integer(table, "max_percent");
        var circuitBreaker = Fields.Boolean(table, "circuit_breaker");
        var rollback = Fields.Boolean(table, "rollback");
        var minValue = (int)minHealthy.Or(100);
        var maxValue = (int)maxPercent.Or(200);
        if ((minHealthy.IsWritten || maxPercent.IsWritten) && !minHealthy.IsRejected && !maxPercent.IsRejected && maxValue <= minValue)
        {
            diagnostics.Add(
                Prefer(maxPercent.Origin ?? minHealthy.Origin!, minHealthy.Origin),
                $"max_percent ({maxValue}) must be greater than min_healthy_percent ({minValue}), or a deployment can neither start nor stop a task");
        }

        var breakerOn = circuitBreaker.Or(true);
        if (rollback is { IsWritten: true, Value: true } && !breakerOn && !circuitBreaker.IsRejected)
        {
            diagnostics.Add(Prefer(rollback.Origin!, circuitBreaker.Origin), "rollback needs circuit_breaker = true: the circuit breaker is what triggers it");
        }

        return new DeploySettings(
            minValue,
            maxValue,
            Fields.Duration(table, "drain").Or(TimeSpan.FromSeconds(30)),
            Fields.Duration(table, "timeout").Or(TimeSpan.FromMinutes(15)),
            breakerOn,
            breakerOn && rollback.Or(true));
    }

    private void CheckVariables(
        IReadOnlyDictionary<string, (string Value, Origin Origin)> env,
        IReadOnlyDictionary<string, (string Value, Origin Origin)> secrets,
        DatabaseSettings? database)
    {
        foreach (var (name, secret) in secrets.Where(s => env.ContainsKey(s.Key)))
        {
            diagnostics.Add(Prefer(secret.Origin, env[name].Origin), $"{name} is both an environment variable and a secret", $"the other one is {env[name].Origin.KeyPath}; keep one");
        }

        if (database is not null)
        {
            foreach (var (name, origin) in env.Concat(secrets).Where(v => database.Variables.ContainsKey(v.Key)).Select(v => (v.Key, v.Value.Origin)))
            {
                diagnostics.Add(origin, $"{name} is set by the database", $"the task gets {string.Join(", ", database.Variables.Keys)} from [database]; remove this one");
            }
        }
    }

    private static DatabaseSettings? Database(string name, TableNode? table) => table is null
        ? null
        : new DatabaseSettings(
            Fields.String(table, "engine").Or("postgres"),
            Fields.String(table, "name").Or(name.Replace('-', '_')),
            Fields.String(table, "version").Or("16"),
            Fields.String(table, "instance_class").Or("db.t4g.micro"),
            (int)Fields.Integer(table, "storage").Or(20),
            Fields.Boolean(table, "multi_az").Or(false))
        {
            Variables = Fields.Map(table, "env") is { Entries.Count: > 0 } mapped
                ? new ReadOnlyDictionary<string, string>(mapped.Entries.ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal))
                : DatabaseSettings.DefaultVariables,
        };

    private NetworkSettings Network(TableNode? table, EnvironmentTarget target)
    {
        var domain = Fields.String(table, "domain");
        var zone = Fields.String(table, "hosted_zone");
        var certificate = Fields.String(table, "certificate");
        if (domain.IsWritten && !zone.IsWritten && !certificate.IsWritten && !zone.IsRejected && !certificate.IsRejected)
        {
            diagnostics.Add(domain.Origin!, "a domain needs hosted_zone (for its DNS record and certificate) or certificate");
        }

        if (domain.IsWritten && zone.IsWritten)
        {
            var name = domain.Value.TrimEnd('.');
            var zoneName = zone.Value.TrimEnd('.');
            if (name != zoneName && !name.EndsWith("." + zoneName, StringComparison.Ordinal))
            {
                diagnostics.Add(Prefer(domain.Origin!, zone.Origin), $"\"{domain.Value}\" is not inside the hosted zone \"{zone.Value}\"");
            }
        }

        if (certificate.IsWritten && !target.IsLocal && target.Region is { } region && ValueRules.ArnRegion(certificate.Value) is { } certificateRegion && certificateRegion != region)
        {
            diagnostics.Add(
                certificate.Origin!,
                $"the certificate is in {certificateRegion}, but environment {target.Name} is in {region}",
                "a load balancer needs a certificate from its own region");
        }

        var securityGroups = Fields.Strings(table, "security_groups");
        var distinctGroups = securityGroups.IsWritten ? securityGroups.Value.Select(g => g.Value).Distinct(StringComparer.Ordinal).ToList() : [];
        if (distinctGroups.Count > NetworkSettings.MaxExtraSecurityGroups)
        {
            diagnostics.Add(
                securityGroups.Origin!,
                $"{distinctGroups.Count} security groups are too many: ECS gives a task at most 5, and one is the service's own",
                $"list at most {NetworkSettings.MaxExtraSecurityGroups}");
        }

        var ingress = Fields.Strings(table, "ingress");
        if (ingress is { IsWritten: true, Value.Count: 0 })
        {
            diagnostics.Add(ingress.Origin!, "an empty list admits no client at all", "leave ingress out to admit anyone (public) or the VPC (internal), or list the CIDR blocks to admit");
        }

        return new NetworkSettings(
            Public: Fields.String(table, "load_balancer").Or("public") == "public",
            Domain: domain.IsWritten ? domain.Value : null,
            HostedZone: zone.IsWritten ? zone.Value : null,
            Certificate: certificate.IsWritten ? certificate.Value : null,
            Nat: Fields.String(table, "nat").Or("per-az") == "single" ? NatMode.SingleGateway : NatMode.PerAz,
            VpcId: Fields.String(table, "vpc_id") is { IsWritten: true } vpc ? vpc.Value : null)
        {
            SecurityGroups = distinctGroups.Count > 0 ? distinctGroups : NetworkSettings.None,
            Ingress = ingress is { IsWritten: true, Value.Count: > 0 } ? [.. ingress.Value.Select(b => b.Value).Distinct(StringComparer.Ordinal)] : NetworkSettings.None,
            Cluster = Fields.String(table, "cluster") is { IsWritten: true } cluster ? cluster.Value : null,
        };
    }

    private PermissionSettings Permissions(TableNode? table)
    {
        var statements = new List<PermissionStatement>();
        foreach (var (sid, node) in Fields.Table(table, "statements")?.Entries ?? [])
        {
            if (node is not TableNode statement)
            {
                continue;
            }

            var actions = Fields.Strings(statement, "actions");
            var resources = Fields.Strings(statement, "resources");
            foreach (var (key, field) in new[] { ("actions", actions), ("resources", resources) }.Where(f => !f.Item2.IsRejected && (!f.Item2.IsWritten || f.Item2.Value.Count == 0)))
            {
                diagnostics.Add(
                    field.Origin ?? new Origin(KeyPaths.Join(statement.Origin.KeyPath, key), statement.Origin.Position, statement.Origin.Environment),
                    field.IsWritten ? $"a statement needs at least one of its {key}" : "required key is missing",
                    key == "actions" ? "e.g. actions = [\"sqs:SendMessage\"]" : "e.g. resources = [\"arn:aws:sqs:us-east-1:111111111111:orders\"], or [\"*\"]");
            }

            statements.Add(new PermissionStatement(
                sid,
                [.. (actions.IsWritten ? actions.Value : []).Select(a => a.Value)],
                [.. (resources.IsWritten ? resources.Value : []).Select(r => r.Value)],
                Conditions(statement.Entries.GetValueOrDefault("conditions"))));
        }

        var managed = Fields.Strings(table, "managed_policies");
        return new PermissionSettings([.. (managed.IsWritten ? managed.Value : []).Select(p => p.Value).Distinct(StringComparer.Ordinal)], statements);
    }

    private static SortedDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions(Node? node)
    {
        var conditions = new SortedDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        if (node is not ValueNode { Value: Toml.TomlTable table })
        {
            return conditions;
        }

        foreach (var (operatorName, keys) in table.Entries)
        {
            conditions[operatorName] = new SortedDictionary<string, IReadOnlyList<string>>(
                ((Toml.TomlTable)keys).Entries.ToDictionary(
                    k => k.Key,
                    k => (IReadOnlyList<string>)(k.Value is Toml.TomlArray array ? [.. array.Items.Select(i => ((Toml.TomlString)i).Value)] : [((Toml.TomlString)k.Value).Value])),
                StringComparer.Ordinal);
        }

        return conditions;
    }

    private LocalSettings? Local(TableNode? table)
    {
        if (table is null)
        {
            return null;
        }

        var build = Fields.String(table, "build");
        var command = Fields.String(table, "command");
        if (!command.IsWritten && !command.IsRejected)
        {
            diagnostics.Add(
                new Origin(KeyPaths.Join(table.Origin.KeyPath, "command"), table.Origin.Position, table.Origin.Environment),
                "required key is missing",
                "the command that starts the service in the build output, e.g. \"dotnet App.dll\"");
        }

        return new LocalSettings(build.IsWritten ? build.Value : null, command.IsWritten ? command.Value : null);
    }

    /// <summary>
    /// Where to report a problem that two values make together: at the one an environment overrides, since the
    /// combination is that environment's; else at the first.
    /// </summary>
    private static Origin Prefer(Origin first, Origin? second) =>
        second is { IsOverride: true } && !first.IsOverride ? second : first;

    private static string Sibling(Origin origin, string key) =>
        origin.KeyPath.LastIndexOf('.') is var dot and >= 0 ? $"{origin.KeyPath[..dot]}.{key}" : key;

    private static ReadOnlyDictionary<string, string> ReadOnly(IReadOnlyDictionary<string, (string Value, Origin Origin)> entries) =>
        new(entries.ToDictionary(e => e.Key, e => e.Value.Value, StringComparer.Ordinal));
}

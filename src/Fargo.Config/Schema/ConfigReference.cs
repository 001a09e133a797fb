using System.Text;

namespace Fargo.Config.Schema;

/// <summary>
/// The README's configuration reference, generated from <see cref="ConfigSchema"/> so that the two cannot
/// drift apart (a test compares them).
/// </summary>
public static class ConfigReference
{
    public const string StartMarker = "<!-- config-reference:start -->";
    public const string EndMarker = "<!-- config-reference:end -->";

    /// <summary>The Markdown between the markers (without them), ending with a newline.</summary>
    public static string RenderMarkdown()
    {
        var text = new StringBuilder();
        text.Append("""
            ## Configuration reference: `fargo.toml`

            <!-- Generated from src/Fargo.Config/Schema/ConfigSchema.cs; do not edit by hand. To regenerate:
                 FARGO_UPDATE_README=1 dotnet test tests/Fargo.Config.Tests --filter ConfigReferenceTests -->

            One file describes a service and its environments. Every key is optional unless marked
            **required**; `fargo validate` checks the whole file (every environment, overrides merged) and
            reports every problem with its file, line, column and key. `fargo render config --env E` prints an
            environment's effective configuration as JSON.

            - **Durations** are strings of whole hours, minutes and seconds in that order: `"30s"`, `"5m"`,
              `"1h"`, `"1h30m"`.
            - **Environments**: `local` — the local region on this machine (account `000000000000`, region
              `local`) — always exists. Each `[environments.<env>]` names an AWS account and region and may
              override any top-level key except `name` and `port`. Tables are deep-merged key by key, so
              `scaling = { min = 4, max = 20, cpu = 60 }` under an environment changes only those keys. One
              rule makes `scaling` easy to override: an environment that sets `count` drops the inherited
              `min`, `max` and targets, and one that sets `min` or `max` drops the inherited `count`.
            - **Several services**: a file without `[services]` is one service, named `name`. With
              `[services.<service>]` tables it is an app of several: `name` names the app, every top-level key
              is a default each service takes (deep-merged as environments are), and each table says what
              differs — `kind` (`web`, `internal`, `worker`), `port`, `calls`, `[container] command`….
              `[environments.<env>]` then applies to every service, `[environments.<env>.services.<service>]`
              to one, merged last. A value a service's kind cannot use (a worker's `port`, `scaling.requests`
              without a load balancer) is an error where the service sets it and is left out where it comes
              from the app's defaults. `fargo up`, `down`, `deploy`, `status` and `logs` work on every service
              without `--service`, and so do `redeploy`, `rollback` and `fargo infra …`; other commands on one, named
              with `--service NAME` ([docs/services.md](docs/services.md)).
            - **Finding each other**: `calls = ["pricing"]` gives the caller `PRICING_URL`
              (`http://pricing.<env>.fargo.internal:<port>`, through the environment's Cloud Map private DNS
              namespace) and opens exactly that path between the two services' security groups. On the local
              region the name answers at a loopback endpoint that forwards to the called service's tasks. Calls
              in a circle are refused; `fargo up` brings the called services up before their callers.
            - **Secrets**: the task gets every SSM parameter under `secrets_path` (default `/<name>`), named
              after its last path segment, plus the explicit `[secrets]` entries. The path is a top-level key
              so that `[secrets]` holds nothing but variable names.
            - **Pipeline**: `[pipeline]` is read by `fargo pipeline github` (a GitHub Actions workflow) and
              `fargo pipeline codepipeline` (an AWS CodePipeline stack). It belongs to the top level only; its
              stages name the environments in the order one image goes through them. An app of several services
              has one pipeline: each stage builds (or promotes) and deploys every service's image.


            """);

        foreach (var section in Sections(ConfigFormat.Full))
        {
            text.Append(section.Title).Append("\n\n");
            AppendTable(text, section.Keys);
            AppendExample(text, section.Keys);
        }

        text.Append("""
            ### The flat format

            A file for an existing cluster and service, as older deploy scripts used it (`fargo deploy
            config.toml IMAGE_URI`). It has exactly these keys, all required, and cannot be mixed with the
            keys above. The task definition: family and container named after the service, cpu 256 and memory
            512, every parameter under `/<service>` as secrets, logs to `/aws/ecs/fargate/<service>`.


            """);
        AppendTable(text, [.. ConfigSchema.Keys.Where(k => k.Format == ConfigFormat.Flat)]);

        text.Append("""
            ### Resource names

            Names are a function of the service name and the environment name, so the stacks create exactly
            what deploys look up. Target group and load balancer names longer than AWS's 32 characters (IAM
            roles: 64) keep their start and end with 8 hex digits of their SHA-256.

            | Resource | Name |
            |---|---|
            | ECS cluster (one per environment) | `fargo-<env>`, or [network] cluster |
            | ECS service | `<name>` |
            | Task definition family | `<name>-<env>` |
            | Container | `<name>` |
            | Log group, stream prefix | `/fargo/<env>/<name>`, `<name>` |
            | ECR repository | `<name>` |
            | Task execution role, task role | `<name>-<env>-execution`, `<name>-<env>-task` |
            | Role CI/CD assumes to build, push, promote and deploy | `<name>-<env>-deploy` |
            | Target group | `<name>-<env>` |
            | Load balancer (one per environment) | `fargo-<env>` |

            """);
        return text.ToString();
    }

    private static IEnumerable<(string Title, IReadOnlyList<ConfigKey> Keys)> Sections(ConfigFormat format)
    {
        var keys = ConfigSchema.Keys.Where(k => k.Format == format).ToList();
        static bool IsSection(ConfigKey key) => key.Type is ConfigValueType.Table or ConfigValueType.StringMap or ConfigValueType.NamedTables;
        yield return ("### Top level", [.. keys.Where(k => k.Parent.Length == 0 && !IsSection(k))]);
        foreach (var table in keys.Where(k => k.Parent.Length == 0 && IsSection(k)))
        {
            var members = keys.Where(k => k.Path.StartsWith(table.Path + ".", StringComparison.Ordinal)).ToList();
            yield return ($"### `[{table.Path}]`", [table, .. members]);
        }
    }

    private static void AppendTable(StringBuilder text, IReadOnlyList<ConfigKey> keys)
    {
        text.Append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
        foreach (var key in keys)
        {
            text.Append("| `").Append(key.Path).Append("` | ").Append(key.TypeName)
                .Append(" | ").Append(key.Required ? "**required**" : key.Default is null ? "—" : Code(key.Default))
                .Append(" | ").Append(Escape(Describe(key))).Append(" |\n");
        }

        text.Append('\n');
    }

    /// <summary>A table whose own key has an example gets a TOML block: the table's header, then each member's example.</summary>
    private static void AppendExample(StringBuilder text, IReadOnlyList<ConfigKey> keys)
    {
        if (keys.Count == 0 || keys[0].Type is not (ConfigValueType.Table or ConfigValueType.NamedTables) || keys[0].Example is not { } header)
        {
            return;
        }

        // Tables by name show one item's own keys: its nested tables would need headers of their own.
        var items = keys[0].Type == ConfigValueType.NamedTables ? keys.Where(k => k.Parent == keys[0].Path).Select(k => k.Path).ToHashSet() : null;
        text.Append("```toml\n").Append(header).Append('\n');
        foreach (var key in keys.Skip(1).Where(k => k.Example is not null && (items is null || items.Contains(k.Parent))))
        {
            text.Append(key.Example).Append('\n');
        }

        text.Append("```\n\n");
    }

    private static string Describe(ConfigKey key)
    {
        var rules = new List<string>();
        if (key.AllowedValues.Count > 0)
        {
            rules.Add("one of " + string.Join(", ", key.AllowedValues.Select(v => $"`{v}`")));
        }

        if (key.Minimum is not null || key.Maximum is not null)
        {
            var show = key.Type == ConfigValueType.Duration ? (Func<long, string>)(s => Durations.Format(TimeSpan.FromSeconds(s))) : s => s.ToString(System.Globalization.CultureInfo.InvariantCulture);
            rules.Add((key.Minimum, key.Maximum) switch
            {
                ({ } min, { } max) when max < int.MaxValue => $"{show(min)}-{show(max)}",
                ({ } min, _) => $"at least {show(min)}",
                (null, { } max) => $"at most {show(max)}",
                _ => "",
            });
        }

        if (key.Constraint is not null)
        {
            rules.Add(key.Constraint);
        }

        return rules.Count == 0 ? key.Description : $"{key.Description} ({string.Join("; ", rules)})";
    }

    // Defaults are shown as code when they are literal values, as prose otherwise.
    private static string Code(string value) => value.StartsWith('"') || char.IsDigit(value[0]) || value is "true" or "false" ? $"`{value}`" : Escape(value);

    private static string Escape(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}

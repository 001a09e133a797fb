using Fargo.Config.Model;
using Fargo.Config.Schema;

namespace Fargo.Config.Validation;

/// <summary>
/// Turns the [pipeline] table into <see cref="PipelineSettings"/>: applies the defaults and checks the stages
/// against the environments the file declares, since no single value shows whether a stage exists.
/// </summary>
internal sealed class PipelineResolver(DiagnosticBag diagnostics)
{
    public const string DefaultBranch = "main";

    /// <param name="top">The file's top level, as read.</param>
    /// <param name="environments">Every environment in file order ("local" first), resolved.</param>
    public PipelineSettings Resolve(TableNode top, IReadOnlyList<ServiceSettings> environments)
    {
        var declared = top.Entries.GetValueOrDefault("pipeline");
        var table = declared as TableNode;
        var aws = environments.Where(e => !e.Environment.IsLocal).Select(e => e.Environment.Name).ToList();
        var stages = Fields.Strings(table, "stages");
        var approvers = Fields.Strings(table, "approvers");

        IReadOnlyList<string> resolvedStages;
        if (stages.IsWritten)
        {
            resolvedStages = CheckStages(stages.Origin!, stages.Value, environments, aws);
        }
        else
        {
            resolvedStages = aws;
            if (table is not null && aws.Count == 0 && !stages.IsRejected)
            {
                diagnostics.Add(
                    table.Origin,
                    "a pipeline needs an AWS environment to deploy to, and this file has none (local runs on this machine)",
                    "add [environments.qa] with account and region (and prod, …); the stages are every AWS environment in the order written, or stages = [\"qa\", \"prod\"]");
            }
        }

        var repository = Fields.String(table, "repository");
        var tests = Fields.StringOrStrings(table, "test");
        if (tests is { IsWritten: true, Value.Count: 0 })
        {
            diagnostics.Add(tests.Origin!, "an empty list runs no test", "leave test out for none, or list the commands to run inside the image");
        }

        var connection = Fields.String(table, "connection");
        return new PipelineSettings(
            Repository: repository.IsWritten ? repository.Value : null,
            Branch: Fields.String(table, "branch").Or(DefaultBranch),
            Stages: resolvedStages,
            Tests: tests.IsWritten ? [.. tests.Value.Select(t => t.Value)] : [],
            Approvers: approvers.IsWritten ? [.. approvers.Value.Select(a => a.Value)] : [],
            Connection: connection.IsWritten ? connection.Value : null)
        {
            Infra = Fields.Boolean(table, "infra").Or(false),
        };
    }

    private List<string> CheckStages(
        Origin origin,
        IReadOnlyList<(string Value, Toml.TomlPosition Position)> written,
        IReadOnlyList<ServiceSettings> environments,
        List<string> aws)
    {
        if (written.Count == 0)
        {
            diagnostics.Add(
                origin,
                "a pipeline needs at least one stage",
                aws.Count == 0
                    ? "add an AWS environment under [environments.NAME] with account and region, then list it here"
                    : $"list the environments in the order the image goes through them, e.g. stages = [{string.Join(", ", aws.Select(a => $"\"{a}\""))}]");
            return [];
        }

        var stages = new List<string>();
        var awsChoices = aws.Count == 0
            ? "this file has no AWS environment: add one under [environments.NAME] with account and region"
            : $"the AWS environments are {string.Join(", ", aws)}";
        foreach (var (name, position) in written)
        {
            var at = origin with { Position = position };
            var environment = environments.FirstOrDefault(e => e.Environment.Name == name);
            if (stages.Contains(name))
            {
                diagnostics.Add(at, $"\"{name}\" is listed twice", "each environment is one stage; the image goes through them once, in order");
            }
            else if (environment is null)
            {
                var close = Suggestions.Closest(name, aws);
                diagnostics.Add(at, $"\"{name}\" is not an environment of this file", close is null ? awsChoices : $"did you mean \"{close}\"?");
            }
            else if (name == ConfigSchema.LocalEnvironment)
            {
                // Another environment of the local region may be a stage (a rehearsal of the pipeline on this machine,
                // reached with the caller's credentials like an AWS account); "local" itself is `fargo up`'s, signed
                // with the local region's own key, and has no CI roles.
                diagnostics.Add(
                    at,
                    "\"local\" is the local region's development environment, which a pipeline does not deploy to",
                    $"{awsChoices}; to rehearse the pipeline on this machine, add an environment of the local region ([environments.qa] account = \"{SettingsResolver.LocalAccount}\", region = \"{SettingsResolver.LocalRegion}\") and list it");
            }
            else
            {
                stages.Add(name);
            }
        }

        return stages;
    }
}

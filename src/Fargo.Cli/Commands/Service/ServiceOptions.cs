using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Deploy.TaskDefinitions;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>Options several service commands share, and how their values are read.</summary>
internal static class ServiceOptions
{
    public static Option<string?> Version(string description) => new("--version")
    {
        Description = description,
        HelpName = "version",
    };

    public static Option<string?> Image() => new("--image", "-i")
    {
        Description = "An image URI instead of a version: an ECR image of the environment (resolved to its digest), or any image pinned by digest (NAME@sha256:…).",
        HelpName = "uri",
    };

    public static Option<bool> NoWait() => new("--no-wait")
    {
        Description = "Return once ECS has accepted the change, without watching the rollout.",
    };

    public static Option<string?> Timeout() => new("--timeout")
    {
        Description = "How long the rollout may take before it counts as failed (and is rolled back), e.g. 10m. Default: [deploy] timeout of fargo.toml (15m).",
        HelpName = "duration",
    };

    public static TimeSpan? Duration(string? text, string option)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (!Durations.TryParse(text.Trim(), out var value, out var error) || value <= TimeSpan.Zero)
        {
            throw new UsageException($"{option} {text}: {error ?? "must be longer than zero"}.", "Durations look like 30s, 10m or 1h.");
        }

        return value;
    }

    /// <summary>
    /// Environments with requires_approval: show what will change and ask, unless --yes. Without a person to ask,
    /// refuse rather than change anything unseen.
    /// </summary>
    public static void Confirm(CommandContext context, Fargo.Deploy.Targets.TargetEnvironment environment, string action, IReadOnlyList<JsonChange> changes)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(changes);
        if (!environment.RequiresApproval || context.Settings.Yes)
        {
            return;
        }

        var console = context.Json ? context.Host.Error : context.Host.Out;
        console.MarkupLine($"[bold]{Markup.Escape(environment.Name)}[/] requires approval. {Markup.Escape(action)}:");
        foreach (var change in changes)
        {
            console.MarkupLine($"  {Markup.Escape(change.ToString())}");
        }

        if (changes.Count == 0)
        {
            console.MarkupLine("  (no configuration changes)");
        }

        if (!RolloutRunner.IsInteractive(context))
        {
            throw new UsageException($"Environment {environment.Name} requires approval, and there is no terminal to ask on. Nothing was changed.", "Pass --yes to approve.");
        }

        if (!console.Confirm("Go ahead?", defaultValue: false))
        {
            throw new OperationFailedException("Not approved: nothing was changed.");
        }
    }
}

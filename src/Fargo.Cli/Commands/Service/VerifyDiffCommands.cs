using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Images;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Watching;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>`fargo verify`: preflight of everything a deploy needs.</summary>
internal sealed class VerifyCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var version = ServiceOptions.Version("Check this version's image (a tag of the service's repository). Default: the image that runs now.");
        var image = ServiceOptions.Image();
        var command = new Command(
            "verify",
            "Check everything a deploy needs, changing nothing: the cluster and the service exist, the environment's CI roles " +
            "(a [pipeline] stage's deploy role, and its read role) may do what the pipeline calls (IAM's policy simulation; each " +
            "missing permission is named as ACTION on RESOURCE), the image exists for the task's platform, every secret exists (values are " +
            "never read), the log group exists, and the target group's port is the container's. Exit 1 when a check fails.")
        {
            version, image,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var selection = ServiceTargets.Select(context);
            using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
            var target = session.Target;
            var imageUri = context.ParseResult.GetValue(image)
                ?? (context.ParseResult.GetValue(version) is { } v ? $"{ImageResolver.RepositoryUri(target.Environment, target.Spec.Repository ?? throw new UsageException("A flat deploy file has no repository: pass --image."))}:{v}" : null);
            var checks = await Preflight.RunAsync(target, imageUri, await VerifyCiRoles.ForAsync(selection, cancellation), cancellation);
            var ready = checks.All(c => c.Status != CheckStatus.Failed);
            if (context.Json)
            {
                context.WriteJson(
                    new VerifyJson(selection.Environment.Name, target.Spec.Service, ready, [.. checks.Select(c => new CheckJson(c.Name, Status(c.Status), c.Detail))]),
                    ServiceJsonContext.Default.VerifyJson);
            }
            else
            {
                var grid = new Grid().AddColumn().AddColumn(new GridColumn().Padding(1, 0, 2, 0)).AddColumn();
                foreach (var check in checks)
                {
                    var mark = check.Status switch
                    {
                        CheckStatus.Passed => "[green]✔[/]",
                        CheckStatus.Failed => "[red]✘[/]",
                        _ => "[grey]–[/]",
                    };
                    grid.AddRow(mark, Markup.Escape(check.Name), Markup.Escape(check.Detail));
                }

                context.Host.Out.MarkupLine($"Preflight of {Markup.Escape(target.Describe())}:");
                context.Host.Out.Write(grid);
                context.Host.Out.MarkupLine(ready ? "[green]Ready to deploy.[/]" : "[red]Not ready: fix the failed checks first.[/]");
            }

            return ready ? ExitCodes.Success : ExitCodes.Failure;
        }));
        return command;
    }

    private static string Status(CheckStatus status) => status switch
    {
        CheckStatus.Passed => "passed",
        CheckStatus.Failed => "failed",
        _ => "notChecked",
    };
}

/// <summary>`fargo diff`: what a deploy would change in the task definition and the service.</summary>
internal sealed class DiffCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var version = ServiceOptions.Version("The version a deploy would use. Default: the image that runs now (then only configuration changes show).");
        var image = ServiceOptions.Image();
        var command = new Command(
            "diff",
            "Show what `fargo deploy` would change in the task definition and the service, compared with what runs, normalized " +
            "so that AWS's defaults do not show as changes. Exit 0 either way; --output json for scripts.")
        {
            version, image,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var selection = ServiceTargets.Select(context);
            using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
            var target = session.Target;
            var imageUri = context.ParseResult.GetValue(image);
            var versionValue = context.ParseResult.GetValue(version);
            if (imageUri is null && versionValue is null)
            {
                var service = await ServiceLookup.RequireAsync(target, cancellation);
                imageUri = await ServiceStatusReader.ImageOfAsync(target, service.TaskDefinition, cancellation)
                    ?? throw new UsageException("Nothing runs yet to take the image from.", "Pass --version V or --image URI.");
            }

            var plan = await Deployer.PlanAsync(target, new DeployRequest(versionValue, imageUri), cancellation);
            if (context.Json)
            {
                context.WriteJson(new DiffJson(
                    selection.Environment.Name,
                    target.Spec.Service,
                    plan.Image.Uri,
                    plan.CurrentTaskDefinitionArn,
                    plan.RegistersRevision,
                    [.. plan.TaskDefinitionChanges.Select(c => new ChangeJson(c.Path, c.Before, c.After))],
                    [.. plan.ServiceChanges.Select(c => new ChangeJson(c.Path, c.Before, c.After))]), ServiceJsonContext.Default.DiffJson);
                return ExitCodes.Success;
            }

            var console = context.Host.Out;
            var running = plan.CurrentTaskDefinitionArn is { } arn ? EcsNames.TaskDefinitionName(arn) : "nothing";
            console.MarkupLine($"{Markup.Escape(target.Describe())}: deploying {Markup.Escape(plan.Image.Uri)} over {Markup.Escape(running)}");
            Section(console, "Task definition", plan.TaskDefinitionChanges);
            Section(console, "Service", plan.ServiceChanges);
            console.MarkupLine(plan.HasChanges ? "A deploy would register a new revision and roll it out." : "[green]No changes:[/] a deploy would find nothing to do.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Section(IAnsiConsole console, string title, IReadOnlyList<Fargo.Deploy.TaskDefinitions.JsonChange> changes)
    {
        console.MarkupLine($"[bold]{title}[/]{(changes.Count == 0 ? ": no changes" : "")}");
        foreach (var change in changes)
        {
            var colour = change.Kind switch { "added" => "green", "removed" => "red", _ => "yellow" };
            console.MarkupLine($"  [{colour}]{Markup.Escape(change.ToString())}[/]");
        }
    }
}

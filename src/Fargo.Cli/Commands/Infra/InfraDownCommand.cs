using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Config.Model;
using Fargo.Infrastructure;
using Spectre.Console;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// `fargo infra down --env E`: deletes the environment's stacks after asking. Outside prod-like environments the
/// versioned buckets and the repository are emptied first, so that CloudFormation can delete them; prod-like ones
/// keep their data, and their database stays protected. A repository shared with another environment of the account
/// and region is never emptied: its owner's stack retains it, and the others only reference it.
/// </summary>
internal sealed class InfraDownCommand(InfraDependencies dependencies)
{
    private readonly SingleStackOptions _stacks = new();

    public Command Create(CommandServices services)
    {
        var output = InfraCommand.OutOption();
        var command = new Command(
            "down",
            "Delete the environment's stacks (--env): the service's, then the environment's. Asks first (type the " +
            "environment's name), unless --yes. Outside requires_approval environments it first empties the buckets and " +
            "deletes the repository's images (unless another environment of the account and region shares the repository); requires_approval environments keep buckets, repository, logs and the " +
            "database's secret, and their database's deletion protection stops the deletion until lifted by hand. " +
            "--oidc: delete the environment's CI/CD access instead; --pipeline: the CodePipeline (its artifacts bucket emptied first).")
        {
            output,
        };
        _stacks.AddTo(command);

        services.SetAction(command, (context, cancellation) => RunAsync(context, context.ParseResult.GetValue(output), cancellation));
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, string? outOption, CancellationToken cancellation)
    {
        var config = InfraCommand.LoadServiceConfig(context);
        if (await _stacks.SelectAsync(context, config, "down", cancellation) is { } single)
        {
            return await DownSingleAsync(context, config, single, outOption, cancellation);
        }

        // The service of --service, else every service of the app (callers first).
        var app = InfraCommand.SelectApp(config, context.Settings.Env, context.Settings.Service, "down");
        var settings = app[0];
        if (settings.Environment.IsLocal)
        {
            return await LocalInfra.InfraDownAsync(dependencies, context, app, cancellation);
        }

        var environment = settings.Environment.Name;
        if (!context.Settings.Yes && !dependencies.Prompt.CanAsk)
        {
            throw new UsageException(
                $"`fargo infra down` deletes the stacks of '{environment}' and asks first, but there is no terminal to ask on. Nothing was deleted.",
                "Pass --yes to delete without asking.");
        }

        var root = InfraCommand.OutputRoot(context, config, outOption);
        var output = new ToolkitOutput(context);
        using var aws = await InfraAwsSession.OpenAsync(dependencies.AwsOptions, context.Settings.Profile, settings, cancellation);
        var assemblies = await InfraCommand.SynthesizeAppAsync(dependencies, output, config, app, root, cancellation);
        var assembly = assemblies[0];
        IReadOnlyList<string> stacks = [.. assemblies.Reverse().Select(a => a.Stacks.Service), assembly.Stacks.Environment];

        if (!context.Settings.Yes)
        {
            Explain(context, app, assemblies, stacks);
            var answer = await dependencies.Prompt.AskAsync(context.Host, $"Type the environment's name ({environment}) to delete its stacks:", cancellation);
            if (!string.Equals(answer?.Trim(), environment, StringComparison.Ordinal))
            {
                throw new OperationFailedException("Not confirmed; nothing was deleted.");
            }
        }

        using var teardown = new AwsTeardown(aws);
        var toolkit = InfraCommand.Toolkit(dependencies, context);
        await output.RunAsync("cdk destroy", report => toolkit.DestroyAsync(assemblies, teardown, report, cancellation));

        if (context.Json)
        {
            context.WriteJson(
                new InfraDownJson(environment, assembly.Account, assembly.Region, stacks, teardown.Emptied),
                InfraJsonContext.Default.InfraDownJson);
            return ExitCodes.Success;
        }

        foreach (var emptied in teardown.Emptied)
        {
            context.Host.Out.MarkupLine(emptied.Kind == "bucket"
                ? $"Emptied bucket {Markup.Escape(emptied.Name)} ({emptied.Deleted} object versions and delete markers)"
                : $"Deleted {emptied.Deleted} images of repository {Markup.Escape(emptied.Name)}");
        }

        context.Host.Out.MarkupLine(
            $"[green]Deleted[/] {Markup.Escape(Listed(stacks))} of {Markup.Escape(environment)} " +
            $"(account {Markup.Escape(assembly.Account)}, {Markup.Escape(assembly.Region)}).");
        return ExitCodes.Success;
    }

    /// <summary>"a and b", "a, b and c".</summary>
    private static string Listed(IReadOnlyList<string> names) =>
        names.Count == 1 ? names[0] : $"{string.Join(", ", names.Take(names.Count - 1))} and {names[^1]}";

    /// <summary>`down --oidc` or `down --pipeline`: asks for the stack's name, empties the pipeline's artifacts, deletes the stack.</summary>
    private async Task<int> DownSingleAsync(CommandContext context, Fargo.Config.ServiceConfig config, SingleStackTarget target, string? outOption, CancellationToken cancellation)
    {
        if (!context.Settings.Yes && !dependencies.Prompt.CanAsk)
        {
            throw new UsageException(
                $"`fargo infra down` deletes {target.Name} and asks first, but there is no terminal to ask on. Nothing was deleted.",
                "Pass --yes to delete without asking.");
        }

        var root = InfraCommand.OutputRoot(context, config, outOption);
        var output = new ToolkitOutput(context);
        using var aws = await InfraAwsSession.OpenAsync(dependencies.AwsOptions, context.Settings.Profile, target.Settings, cancellation);
        var assembly = await target.SynthesizeAsync(dependencies, output, root, cancellation);
        if (!context.Settings.Yes)
        {
            context.Host.Error.MarkupLine(target.Kind == SingleStackKind.Pipeline
                ? $"[red bold]This deletes[/] the pipeline stack {Markup.Escape(assembly.StackName)} (account {Markup.Escape(assembly.Account)}, {Markup.Escape(assembly.Region)}): the pipeline, its builds and approvals topic, and its artifacts."
                : $"[red bold]This deletes[/] {Markup.Escape(assembly.StackName)} (account {Markup.Escape(assembly.Account)}, {Markup.Escape(assembly.Region)}): the deploy role, so CI/CD can no longer deploy there, " +
                  "and GitHub's OIDC provider when this stack created it (other deploy roles of the account that use it stop working too).");
            var answer = await dependencies.Prompt.AskAsync(context.Host, $"Type the stack's name ({assembly.StackName}) to delete it:", cancellation);
            if (!string.Equals(answer?.Trim(), assembly.StackName, StringComparison.Ordinal))
            {
                throw new OperationFailedException("Not confirmed; nothing was deleted.");
            }
        }

        using var teardown = new AwsTeardown(aws);
        var toolkit = InfraCommand.Toolkit(dependencies, context);
        await output.RunAsync("cdk destroy", report => toolkit.DestroyAsync(assembly, teardown, report, cancellation));
        if (context.Json)
        {
            context.WriteJson(new InfraDownJson(target.Name, assembly.Account, assembly.Region, [assembly.StackName], teardown.Emptied), InfraJsonContext.Default.InfraDownJson);
            return ExitCodes.Success;
        }

        foreach (var emptied in teardown.Emptied)
        {
            context.Host.Out.MarkupLine($"Emptied bucket {Markup.Escape(emptied.Name)} ({emptied.Deleted} object versions and delete markers)");
        }

        context.Host.Out.MarkupLine($"[green]Deleted[/] {Markup.Escape(assembly.StackName)} (account {Markup.Escape(assembly.Account)}, {Markup.Escape(assembly.Region)}).");
        return ExitCodes.Success;
    }

    /// <summary>Why the image repository stays, when another environment of the account and region uses it.</summary>
    internal static string? SharedRepositoryNote(ServiceSettings settings, RepositoryPlacement repository) => repository switch
    {
        { Owns: false } => $"Its image repository {settings.Names.Repository} belongs to {repository.OwnerEnvironment} (same account and region) and is left as it is.",
        { Shared: true } => $"Its image repository {settings.Names.Repository} is shared with {string.Join(", ", repository.SharedWith)} (same account and region): " +
            "it is kept with its images (retained by CloudFormation); delete it by hand once no environment uses it.",
        _ => null,
    };

    /// <summary>What will go and what stays, said before asking.</summary>
    private static void Explain(CommandContext context, IReadOnlyList<ServiceSettings> app, IReadOnlyList<SynthesizedAssembly> assemblies, IReadOnlyList<string> stacks)
    {
        var console = context.Host.Error;
        var settings = app[0];
        var assembly = assemblies[0];
        console.MarkupLine(
            $"[red bold]This deletes[/] the stacks {Markup.Escape(Listed(stacks))} of " +
            $"[bold]{Markup.Escape(settings.Environment.Name)}[/] (account {Markup.Escape(assembly.Account)}, {Markup.Escape(assembly.Region)}): " +
            (app.Count == 1 ? "the service" : "its services") + ", its load balancer, cluster and network.");
        var shared = assemblies.Any(a => a.Repository.Shared);
        console.MarkupLine(assembly.KeepsData
            ? "  It is a requires_approval environment: its buckets, repository, log groups and database secret are kept. " +
              "Its database has deletion protection: the deletion stops there until you lift it by hand; CloudFormation then takes a final snapshot."
            : (shared
                ? "  First every object version of its buckets is deleted"
                : "  First every object version of its buckets and every image of its repository are deleted") +
              (app.All(s => s.Database is not { Owner: null }) ? "." : "; its database is deleted with the stack, without a snapshot."));
        foreach (var (service, placement) in app.Zip(assemblies, (s, a) => (s, a.Repository)))
        {
            if (SharedRepositoryNote(service, placement) is { } note)
            {
                console.MarkupLine("  " + Markup.Escape(note));
            }
        }

        console.MarkupLine(
            $"  {Markup.Escape(assembly.Stacks.Environment)} is shared by the environment's services: CloudFormation will not delete it while another service's stack uses it.");
    }
}

using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Config.Model;
using Fargo.Infrastructure;
using Spectre.Console;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// `fargo infra down --env E`: deletes the environment's stacks after asking. Outside prod-like environments the
/// versioned buckets and the repository are emptied first, so that CloudFormation can delete them; prod-like ones
/// keep their data, and their database stays protected.
/// </summary>
internal sealed class InfraDownCommand(InfraDependencies dependencies)
{
    public Command Create(CommandServices services)
    {
        var output = InfraCommand.OutOption();
        var command = new Command(
            "down",
            "Delete the environment's stacks (--env): the service's, then the environment's. Asks first (type the " +
            "environment's name), unless --yes. Outside requires_approval environments it first empties the buckets and " +
            "deletes the repository's images; requires_approval environments keep buckets, repository, logs and the " +
            "database's secret, and their database's deletion protection stops the deletion until lifted by hand.")
        {
            output,
        };
        services.SetAction(command, (context, cancellation) => RunAsync(context, context.ParseResult.GetValue(output), cancellation));
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, string? outOption, CancellationToken cancellation)
    {
        var config = InfraCommand.LoadServiceConfig(context);
        var settings = InfraCommand.SelectAwsEnvironment(config, context.Settings.Env, "down");
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
        var assembly = await InfraCommand.SynthesizeAsync(dependencies, output, settings, root, cancellation);

        if (!context.Settings.Yes)
        {
            Explain(context, settings, assembly);
            var answer = await dependencies.Prompt.AskAsync(context.Host, $"Type the environment's name ({environment}) to delete its stacks:", cancellation);
            if (!string.Equals(answer?.Trim(), environment, StringComparison.Ordinal))
            {
                throw new OperationFailedException("Not confirmed; nothing was deleted.");
            }
        }

        using var teardown = new AwsTeardown(aws);
        var toolkit = InfraCommand.Toolkit(dependencies, context);
        await output.RunAsync("cdk destroy", report => toolkit.DestroyAsync(assembly, teardown, report, cancellation));

        if (context.Json)
        {
            context.WriteJson(
                new InfraDownJson(environment, assembly.Account, assembly.Region, [assembly.Stacks.Service, assembly.Stacks.Environment], teardown.Emptied),
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
            $"[green]Deleted[/] {Markup.Escape(assembly.Stacks.Service)} and {Markup.Escape(assembly.Stacks.Environment)} of {Markup.Escape(environment)} " +
            $"(account {Markup.Escape(assembly.Account)}, {Markup.Escape(assembly.Region)}).");
        return ExitCodes.Success;
    }

    /// <summary>What will go and what stays, said before asking.</summary>
    private static void Explain(CommandContext context, ServiceSettings settings, SynthesizedAssembly assembly)
    {
        var console = context.Host.Error;
        console.MarkupLine(
            $"[red bold]This deletes[/] the stacks {Markup.Escape(assembly.Stacks.Service)} and {Markup.Escape(assembly.Stacks.Environment)} of " +
            $"[bold]{Markup.Escape(settings.Environment.Name)}[/] (account {Markup.Escape(assembly.Account)}, {Markup.Escape(assembly.Region)}): " +
            "the service, its load balancer, cluster and network.");
        console.MarkupLine(assembly.KeepsData
            ? "  It is a requires_approval environment: its buckets, repository, log groups and database secret are kept. " +
              "Its database has deletion protection: the deletion stops there until you lift it by hand; CloudFormation then takes a final snapshot."
            : "  First every object version of its buckets and every image of its repository are deleted" +
              (settings.Database is null ? "." : "; its database is deleted with the stack, without a snapshot."));
        console.MarkupLine(
            $"  {Markup.Escape(assembly.Stacks.Environment)} is shared by the environment's services: CloudFormation will not delete it while another service's stack uses it.");
    }
}

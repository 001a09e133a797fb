using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Deploy.Operations;
using Fargo.Deploy.TaskDefinitions;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>`fargo promote --from E1 --to E2 [--version V]`: the image digest that runs in E1, into E2's repository.</summary>
internal sealed class PromoteCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var from = new Option<string>("--from") { Description = "The environment the image runs in.", HelpName = "env", Required = true };
        var to = new Option<string>("--to") { Description = "The environment to promote it to.", HelpName = "env", Required = true };
        var version = ServiceOptions.Version("The version (tag) to promote; it must be what runs in --from. Default: what runs there.");
        var force = new Option<bool>("--force") { Description = "Promote the version even when it is not what runs in --from." };
        var command = new Command(
            "promote",
            "Copy the very image digest that runs in one environment into the next environment's repository, without a rebuild " +
            "(within one registry: the manifest, media type preserved). Then `fargo deploy --env E2 --version V` deploys it.")
        {
            from, to, version, force,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var source = ServiceTargets.Select(context, environment: context.ParseResult.GetValue(from));
            var destination = ServiceTargets.Select(context, environment: context.ParseResult.GetValue(to));
            if (source.Environment.Name == destination.Environment.Name)
            {
                throw new UsageException("--from and --to are the same environment.");
            }

            var versionValue = context.ParseResult.GetValue(version);
            ServiceOptions.Confirm(context, destination.Environment, $"Promoting from {source.Environment.Name}",
                [new JsonChange($"{destination.Spec.Repository}", null, versionValue ?? "(what runs in " + source.Environment.Name + ")")]);
            using var local = new LocalRegionAccessor(context.Host);
            using var sourceSession = await ServiceTargets.ConnectAsync(context, source, local, cancellation);
            using var destinationSession = await ServiceTargets.ConnectAsync(context, destination, local, cancellation);
            var result = await Promoter.PromoteAsync(sourceSession.Target, destinationSession.Target, versionValue, context.ParseResult.GetValue(force), cancellation);
            if (context.Json)
            {
                context.WriteJson(new PromoteJson(source.Environment.Name, destination.Environment.Name, result.Digest, result.Source, result.Destination, result.Tag, result.AlreadyThere), ServiceJsonContext.Default.PromoteJson);
                return ExitCodes.Success;
            }

            var console = context.Host.Out;
            console.MarkupLine(result.AlreadyThere
                ? $"[green]✔[/] {Markup.Escape(result.Destination)} was already there."
                : $"[green]✔[/] Promoted {Markup.Escape(result.Source)} to {Markup.Escape(result.Destination)}{(result.Tag is null ? "" : $" as {Markup.Escape(result.Tag)}")}.");
            console.MarkupLine(result.Tag is null
                ? $"Next: fargo deploy --env {Markup.Escape(destination.Environment.Name)} --image {Markup.Escape(result.Destination)}"
                : $"Next: fargo deploy --env {Markup.Escape(destination.Environment.Name)} --version {Markup.Escape(result.Tag)}");
            return ExitCodes.Success;
        }));
        return command;
    }
}

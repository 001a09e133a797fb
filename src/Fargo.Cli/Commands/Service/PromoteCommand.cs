using System.CommandLine;
using System.Globalization;
using Fargo.Cli.Errors;
using Fargo.Deploy.Operations;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// `fargo promote --from E1 --to E2 [--version V] [--force]`: the image digest that runs in E1, into E2's repository; in an
/// app of several services without --service, every service's (called ones first), the first failure stopping there.
/// </summary>
internal sealed class PromoteCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var from = new Option<string>("--from") { Description = "The environment the image runs in.", HelpName = "env", Required = true };
        var to = new Option<string>("--to") { Description = "The environment to promote it to.", HelpName = "env", Required = true };
        var version = ServiceOptions.Version("The version (tag) to promote; it must be what runs in --from. Default: what runs there.");
        var force = new Option<bool>("--force") { Description = "Promote the version even when it is not what runs in --from." };
        var fromProfile = new Option<string?>("--from-profile")
        {
            Description = "The AWS profile whose credentials read --from (its service and its registry), when they are not the " +
                "ones that write --to: two accounts, as in CI where each environment has its own role. Default: --profile.",
            HelpName = "name",
        };
        var command = new Command(
            "promote",
            "Copy the very image digest that runs in one environment into the next environment's repository, without a rebuild: " +
            "within one registry with BatchGetImage and PutImage (media type preserved), across accounts, regions or local regions " +
            "by copying the manifest and blobs through the Docker Registry API. In an app of several services without --service: " +
            "every service, called ones first, each from its own repository to its own. Then `fargo deploy --env E2 --version V` deploys it.")
        {
            from, to, version, force, fromProfile,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            // Every service of an app without --service (called ones first), each from its repository in --from to its own in --to.
            var sources = ServiceTargets.SelectApp(context, context.ParseResult.GetValue(from));
            var destinations = ServiceTargets.SelectApp(context, context.ParseResult.GetValue(to));
            if (sources[0].Environment.Name == destinations[0].Environment.Name)
            {
                throw new UsageException("--from and --to are the same environment.");
            }

            var options = new PromoteOptions(context.ParseResult.GetValue(version), context.ParseResult.GetValue(force));
            var sourceProfile = context.ParseResult.GetValue(fromProfile) ?? context.Settings.Profile;
            var pairs = sources.Zip(destinations).ToList();
            var results = new AppJsonResults<PromoteJson>(context, pairs.Count > 1, ServiceJsonContext.Default.PromoteJson, ServiceJsonContext.Default.IReadOnlyListPromoteJson);

            // No approval is asked here even for an environment that requires it: a promote changes no running service,
            // only puts an image into a repository; the deploy that follows is what asks.
            using var local = new LocalRegionAccessor(context.Host);
            return await ImageCommandSupport.EachAsync(context, pairs, pair => pair.First.Spec.Service, results,
                pair => ServiceTargets.TranslateAsync(() => PromoteAsync(context, pair.First, pair.Second, local, sourceProfile, options, results, cancellation)));
        }));
        return command;
    }

    private static async Task<int> PromoteAsync(
        CommandContext context,
        ServiceSelection source,
        ServiceSelection destination,
        LocalRegionAccessor local,
        string? sourceProfile,
        PromoteOptions options,
        AppJsonResults<PromoteJson> results,
        CancellationToken cancellation)
    {
        using var sourceSession = await ServiceTargets.ConnectAsync(context, source, local, sourceProfile, cancellation);
        using var destinationSession = await ServiceTargets.ConnectAsync(context, destination, local, cancellation);
        var result = await Promoter.PromoteAsync(sourceSession.Target, destinationSession.Target, options, cancellation);
        if (context.Json)
        {
            results.Add(
                new PromoteJson(
                    source.Environment.Name,
                    destination.Environment.Name,
                    result.Digest,
                    result.Source,
                    result.Destination,
                    result.Tag,
                    result.AlreadyThere,
                    MethodName(result.Method),
                    result.Forced,
                    result.Copy?.BlobsCopied,
                    result.Copy?.BlobsPresent,
                    result.Copy?.BytesCopied,
                    destination.Spec.Service));
            return ExitCodes.Success;
        }

        var console = context.Host.Out;
        if (result.Forced)
        {
            console.MarkupLine($"[yellow]![/] {Markup.Escape(result.Tag ?? result.Digest)} is not what runs in {Markup.Escape(source.Environment.Name)}: promoted because of --force.");
        }

        var tagged = result.Tag is null ? "" : $" as {Markup.Escape(result.Tag)}";
        console.MarkupLine(result.Method switch
        {
            PromoteMethod.SameRepository =>
                $"[green]✔[/] {Markup.Escape(source.Environment.Name)} and {Markup.Escape(destination.Environment.Name)} use the same repository of the same registry: " +
                $"{Markup.Escape(result.Digest)} is already there{tagged}. Nothing was copied.",
            PromoteMethod.AlreadyThere => $"[green]✔[/] {Markup.Escape(result.Destination)} is already there{tagged}. Nothing was copied.",
            PromoteMethod.PutImage => $"[green]✔[/] Promoted {Markup.Escape(result.Source)} to {Markup.Escape(result.Destination)}{tagged} (same registry: manifest put as is).",
            _ => $"[green]✔[/] Copied {Markup.Escape(result.Source)} to {Markup.Escape(result.Destination)}{tagged}: " +
                 string.Create(CultureInfo.InvariantCulture, $"{result.Copy?.BlobsCopied ?? 0} blob(s), {Size(result.Copy?.BytesCopied ?? 0)}, copied; {result.Copy?.BlobsPresent ?? 0} already there. The digest is the same."),
        });
        console.MarkupLine(result.Tag is null
            ? $"Next: fargo deploy --env {Markup.Escape(destination.Environment.Name)} --image {Markup.Escape(result.Destination)}"
            : $"Next: fargo deploy --env {Markup.Escape(destination.Environment.Name)} --version {Markup.Escape(result.Tag)}");
        return ExitCodes.Success;
    }

    /// <summary>The method as --output json says it: already-there, same-repository, put-image, registry-copy.</summary>
    internal static string MethodName(PromoteMethod method) => method switch
    {
        PromoteMethod.AlreadyThere => "already-there",
        PromoteMethod.SameRepository => "same-repository",
        PromoteMethod.PutImage => "put-image",
        _ => "registry-copy",
    };

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0 / 1024.0:0.#} MiB"),
    };
}

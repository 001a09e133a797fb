using System.CommandLine;
using System.Globalization;
using Fargo.Cli.Errors;
using Fargo.Config.Model;
using Fargo.Deploy.Images.Building;
using Fargo.Deploy.Images.Pushing;
using Fargo.Deploy.Local;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// `fargo push [--version V] [--dry-run]`. AWS environments: the built image into the environment's ECR repository
/// (created when missing), logged in through a temporary Docker configuration; prints the digest ECR holds for the tag.
/// The local region: the version's build folder into the local ECR. In an app of several services without --service:
/// every service, called ones first, each into its own repository.
/// </summary>
internal sealed class PushCommand : ICliCommand
{
    /// <summary>Shown instead of the temporary login folder by --dry-run (the real one exists only during the push).</summary>
    private static readonly string LoginPlaceholder = Path.Combine(Path.GetTempPath(), "fargo-registry-login-XXXX");

    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var version = ServiceOptions.Version("The version to push (what `fargo build` built). Default: the git short SHA (with -dirty-HASH when the tree has changes: a tag per state of the changes).");
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "AWS environments: print the push commands without running them (the ECR login folder is shown as a placeholder).",
        };
        var command = new Command(
            "push",
            "Push the version's image and print its digest. AWS environments: creates the ECR repository when missing (scan on push, " +
            "immutable tags), logs in with ECR's GetAuthorizationToken through a temporary Docker configuration (never on a command " +
            "line, never in ~/.docker, deleted afterwards), pushes with docker or podman (or the .NET SDK when no engine answers), " +
            "and reads the digest back from ECR; the immutable tag is the record of it, and in GitHub Actions it is also written to " +
            "$GITHUB_OUTPUT (image, digest; for several services SERVICE-image, SERVICE-digest). In an app of several services without --service, every service's image, called ones first. The local region: the build folder into the local ECR. Then `fargo deploy --version VERSION`.")
        {
            version,
            dryRun,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            // Every service of an app without --service (called ones first), each into its own repository.
            var selected = ImageCommandSupport.SelectAll(context);
            var environment = selected[0].Selection.Environment;
            var requested = context.ParseResult.GetValue(version);
            var dry = context.ParseResult.GetValue(dryRun);
            var wholeApp = selected.Count > 1;
            if (!environment.IsLocal)
            {
                var images = new AppJsonResults<ImagePushJson>(context, wholeApp, ImageJsonContext.Default.ImagePushJson, ImageJsonContext.Default.IReadOnlyListImagePushJson);
                return await ImageCommandSupport.EachAsync(context, selected, s => s.Settings.Name, images,
                    s => ServiceTargets.TranslateAsync(() => PushImageAsync(context, s.Selection, s.Settings, requested, dry, wholeApp, images, cancellation)));
            }

            if (dry)
            {
                throw new UsageException(
                    $"--dry-run applies to container images (AWS environments); {environment.Name} is the local region.",
                    "Leave it out, or pass --env with an AWS environment.");
            }

            var folders = new AppJsonResults<BuildJson>(context, wholeApp, ServiceJsonContext.Default.BuildJson, ServiceJsonContext.Default.IReadOnlyListBuildJson);
            return await ImageCommandSupport.EachAsync(context, selected, s => s.Settings.Name, folders,
                s => ServiceTargets.TranslateAsync(() => PushLocalAsync(context, s.Selection, s.Settings, requested, folders, cancellation)));
        }));
        return command;
    }

    private static async Task<int> PushImageAsync(
        CommandContext context, ServiceSelection selection, ServiceSettings settings, string? version, bool dryRun, bool wholeApp, AppJsonResults<ImagePushJson> results, CancellationToken cancellation)
    {
        var (request, engine) = await ImageCommandSupport.PrepareAsync(context, selection, settings, version, [], dryRun, cancellation);
        if (dryRun)
        {
            var commands = ImageBuildCommands.Push(request, engine, LoginPlaceholder);
            if (context.Json)
            {
                results.Add(new ImagePushJson(settings.Name, selection.Environment.Name, request.Version, request.Image, true, ImageCommandSupport.Arrays(commands)));
            }
            else
            {
                ImageCommandSupport.PrintCommands(context, commands);
            }

            return ExitCodes.Success;
        }

        using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
        var console = ImageCommandSupport.Console(context);
        console.MarkupLine($"Pushing {Markup.Escape(request.Image)} with {Markup.Escape(engine?.Name ?? "the .NET SDK (no container engine answers)")}");
        var pushed = await ImagePusher.PushAsync(session.Target, request, engine, ImageCommandSupport.Starting(context), BuildOutput.For(context, null), cancellation);
        RecordForGitHubActions(context, pushed, wholeApp ? $"{settings.Name}-" : "");
        if (context.Json)
        {
            results.Add(new ImagePushJson(settings.Name, selection.Environment.Name, pushed.Version, pushed.Image, false,
                ImageCommandSupport.Arrays(ImageBuildCommands.Push(request, engine, LoginPlaceholder)), pushed.Digest, pushed.PinnedImage, pushed.RepositoryCreated));
        }
        else
        {
            if (pushed.RepositoryCreated)
            {
                console.MarkupLine($"Created the ECR repository {Markup.Escape(pushed.Repository)} (scan on push, immutable tags).");
            }

            console.MarkupLine(
                $"[green]✔[/] Pushed {Markup.Escape(pushed.Image)}\n  digest {Markup.Escape(pushed.Digest)}\n" +
                $"Next: fargo deploy --env {Markup.Escape(selection.Environment.Name)} --version {Markup.Escape(pushed.Version)}");
        }

        return ExitCodes.Success;
    }

    // A GitHub Actions step's outputs: later steps and jobs read steps.<id>.outputs.digest (a push of several services:
    // each under its service's name, steps.<id>.outputs.todo-api-digest).
    private static void RecordForGitHubActions(CommandContext context, PushedImage pushed, string prefix)
    {
        var outputs = context.Host.GetEnvironmentVariable("GITHUB_OUTPUT");
        if (string.IsNullOrEmpty(outputs))
        {
            return;
        }

        File.AppendAllText(outputs, string.Create(CultureInfo.InvariantCulture, $"{prefix}image={pushed.PinnedImage}\n{prefix}digest={pushed.Digest}\n{prefix}version={pushed.Version}\n"));
    }

    private static async Task<int> PushLocalAsync(
        CommandContext context, ServiceSelection selection, ServiceSettings settings, string? version, AppJsonResults<BuildJson> results, CancellationToken cancellation)
    {
        var tag = version ?? await GitVersion.ResolveAsync(selection.ProjectDirectory, cancellation);
        using var local = new LocalRegionAccessor(context.Host);
        var folder = LocalBuilds.OutputOf(selection, settings, local.BuildsDirectory, tag);
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"There is no build of {settings.Name} {tag} ({folder}).", $"Build it first: fargo build --version {tag}");
        }

        using var session = await ServiceTargets.ConnectAsync(context, selection, local, cancellation);
        await EnsureLocalRepositoryAsync(session.Target, cancellation);
        // A [pipeline] stage on the local region: the import is signed, and authorized, as the caller (its deploy role).
        var signer = session.Target.CallerCredentials is { } caller ? await caller.GetCredentialsAsync(cancellation) : null;
        var image = await local.ImportAsync(folder, session.Target.Spec.Repository!, tag, signer, cancellation);
        if (context.Json)
        {
            results.Add(new BuildJson(settings.Name, tag, folder, 0, image.ImageUri, image.Digest));
        }
        else
        {
            context.Host.Out.MarkupLine($"[green]✔[/] Pushed {Markup.Escape(image.Repository)}:{Markup.Escape(image.Tag)}: {Markup.Escape(image.ImageUri)}. Next: fargo deploy --version {Markup.Escape(tag)}");
        }

        return ExitCodes.Success;
    }

    private static async Task EnsureLocalRepositoryAsync(Fargo.Deploy.Targets.DeployTarget target, CancellationToken cancellation)
    {
        try
        {
            await target.Apis.Ecr.CreateRepositoryAsync(new Fargo.Aws.Ecr.CreateRepositoryRequest { RepositoryName = target.Spec.Repository! }, cancellation);
        }
        catch (Fargo.Aws.AwsServiceException e) when (e.Code == "RepositoryAlreadyExistsException")
        {
            // Created by an earlier push or `fargo up`.
        }
    }
}

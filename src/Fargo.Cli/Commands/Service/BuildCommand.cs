using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Config.Model;
using Fargo.Deploy.Images.Building;
using Fargo.Deploy.Local;
using Fargo.Deploy.Watching;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// `fargo build [--version V] [--test CMD]… [--dry-run]`. AWS environments: the service's container image, built with
/// docker or podman (or the .NET SDK for a .NET project without a Dockerfile) for the task's platform, tagged
/// REGISTRY/REPOSITORY:VERSION. The local region: [local].build into a fresh folder. In an app of several services
/// without --service: every service, called ones first, each image for its own repository (--test runs inside each).
/// </summary>
internal sealed class BuildCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var version = ServiceOptions.Version("The version to build (the image's tag). Default: the git short SHA (with -dirty-HASH when the tree has changes: a tag per state of the changes).");
        var test = new Option<string[]>("--test")
        {
            Description = "AWS environments: run CMD inside the built image (docker run --rm --entrypoint WORD IMAGE ARGS…, split into words like a shell, but no shell: for one, write \"sh -c '…'\"); the build fails when it fails. Repeat it to run several, in order: the first that fails stops the build.",
            HelpName = "cmd",
            AllowMultipleArgumentsPerToken = false,
        };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "AWS environments: print the commands, one per line, without running them (--output json: as arrays).",
        };
        var command = new Command(
            "build",
            "Build the service's image (in an app of several services without --service, every service's: called ones first, each for its own repository; --test runs inside each). AWS environments: with docker or podman, whichever answers (FARGO_CONTAINER_ENGINE=docker|podman " +
            "to choose), for [resources] architecture's platform (buildx when it is not the engine's own), from [image].dockerfile — or, " +
            "for a .NET project without a Dockerfile, with `dotnet publish -t:PublishContainer` — tagged ACCOUNT.dkr.ecr.REGION.amazonaws.com/" +
            "REPOSITORY:VERSION with the OCI labels source, revision, created and version. The local region: [local].build in the " +
            "folder of fargo.toml, with {out} a fresh folder (in FARGO_HOME/builds) that `fargo push` makes the version's image.")
        {
            version,
            test,
            dryRun,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            // Every service of an app without --service (called ones first), each image into its own repository.
            var selected = ImageCommandSupport.SelectAll(context);
            var environment = selected[0].Selection.Environment;
            var requested = context.ParseResult.GetValue(version);
            var testCommands = context.ParseResult.GetValue(test) ?? [];
            var dry = context.ParseResult.GetValue(dryRun);
            var wholeApp = selected.Count > 1;
            if (!environment.IsLocal)
            {
                var images = new AppJsonResults<ImageBuildJson>(context, wholeApp, ImageJsonContext.Default.ImageBuildJson, ImageJsonContext.Default.IReadOnlyListImageBuildJson);
                return await ImageCommandSupport.EachAsync(context, selected, s => s.Settings.Name, images,
                    s => ServiceTargets.TranslateAsync(() => BuildImageAsync(context, s.Selection, s.Settings, requested, testCommands, dry, images, cancellation)));
            }

            if (testCommands.Length > 0 || dry)
            {
                throw new UsageException(
                    $"--test and --dry-run apply to container images (AWS environments); {environment.Name} is the local region, which builds with [local].build.",
                    "Leave them out, or pass --env with an AWS environment.");
            }

            // Services with the same [local].build in the same folder are built once, as `fargo up` does.
            var builds = new LocalBuilds();
            var folders = new AppJsonResults<BuildJson>(context, wholeApp, ServiceJsonContext.Default.BuildJson, ServiceJsonContext.Default.IReadOnlyListBuildJson);
            return await ImageCommandSupport.EachAsync(context, selected, s => s.Settings.Name, folders,
                s => ServiceTargets.TranslateAsync(() => BuildLocalAsync(context, s.Selection, s.Settings, requested, builds, folders, cancellation)));
        }));
        return command;
    }

    private static async Task<int> BuildImageAsync(
        CommandContext context,
        ServiceSelection selection,
        ServiceSettings settings,
        string? version,
        IReadOnlyList<string> tests,
        bool dryRun,
        AppJsonResults<ImageBuildJson> results,
        CancellationToken cancellation)
    {
        var (request, engine) = await ImageCommandSupport.PrepareAsync(context, selection, settings, version, tests, dryRun, cancellation);
        var plan = ImageBuildCommands.Plan(request, engine);
        var source = plan.Source is DockerfileSource ? "dockerfile" : "dotnet";
        if (dryRun)
        {
            if (context.Json)
            {
                results.Add(new ImageBuildJson(settings.Name, selection.Environment.Name, request.Version, plan.Image, plan.Platform, source, engine?.Name, true, ImageCommandSupport.Arrays(plan.Commands)));
            }
            else
            {
                ImageCommandSupport.PrintCommands(context, plan.Commands);
            }

            return ExitCodes.Success;
        }

        var console = ImageCommandSupport.Console(context);
        console.MarkupLine(
            $"Building {Markup.Escape(plan.Image)} for {Markup.Escape(plan.Platform)} with {Markup.Escape(engine?.Name ?? "the .NET SDK (no container engine answers: into an archive)")}");
        var result = await ImageBuilder.RunAsync(plan, ImageCommandSupport.Starting(context), BuildOutput.For(context, null), cancellation);
        if (context.Json)
        {
            results.Add(new ImageBuildJson(settings.Name, selection.Environment.Name, request.Version, plan.Image, plan.Platform, source, engine?.Name, false,
                ImageCommandSupport.Arrays(plan.Commands), result.Tested, Math.Round(result.Elapsed.TotalSeconds, 1)));
        }
        else
        {
            var tested = result.Tested ? ", tested" : "";
            console.MarkupLine(
                $"[green]✔[/] Built {Markup.Escape(plan.Image)}{tested} ({RolloutTimelineText.Format(result.Elapsed)}). " +
                $"Next: fargo push --env {Markup.Escape(selection.Environment.Name)} --version {Markup.Escape(request.Version)}");
        }

        return ExitCodes.Success;
    }

    private static async Task<int> BuildLocalAsync(
        CommandContext context, ServiceSelection selection, ServiceSettings settings, string? version, LocalBuilds builds, AppJsonResults<BuildJson> results, CancellationToken cancellation)
    {
        var tag = version ?? await GitVersion.ResolveAsync(selection.ProjectDirectory, cancellation);
        var console = ImageCommandSupport.Console(context);
        if (builds.Find(selection.ProjectDirectory, settings) is { } done)
        {
            // `fargo push` finds the shared output under the service that built it (LocalBuilds.OutputOf).
            console.MarkupLine($"[green]✔[/] Built {Markup.Escape(settings.Name)} {Markup.Escape(tag)} with {Markup.Escape(done.Service)}: the same [[local]] build in the same folder ({Markup.Escape(done.Result.OutputDirectory)}).");
            if (context.Json)
            {
                results.Add(new BuildJson(settings.Name, tag, done.Result.OutputDirectory, 0));
            }

            return ExitCodes.Success;
        }

        using var local = new LocalRegionAccessor(context.Host);
        console.MarkupLine($"Building {Markup.Escape(settings.Name)} {Markup.Escape(tag)}: {Markup.Escape(settings.Local?.Build ?? "")}");
        var build = await LocalBuild.RunAsync(settings, selection.ProjectDirectory, local.BuildsDirectory, tag, BuildOutput.For(context, null), cancellation);
        builds.Add(selection.ProjectDirectory, settings, build);
        if (context.Json)
        {
            results.Add(new BuildJson(settings.Name, tag, build.OutputDirectory, Math.Round(build.Elapsed.TotalSeconds, 1)));
        }
        else
        {
            console.MarkupLine($"[green]✔[/] Built {Markup.Escape(tag)} into {Markup.Escape(build.OutputDirectory)} ({RolloutTimelineText.Format(build.Elapsed)}). Next: fargo push --version {Markup.Escape(tag)}");
        }

        return ExitCodes.Success;
    }
}

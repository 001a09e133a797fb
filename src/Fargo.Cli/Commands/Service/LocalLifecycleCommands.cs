using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Local;
using Fargo.Deploy.Watching;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>`fargo up`: the whole service on the local region — topology, build, push, deploy — and its URL.</summary>
internal sealed class UpCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var version = ServiceOptions.Version("The version to build and deploy. Default: the git short SHA (with -dirty when the tree has changes).");
        var command = new Command(
            "up",
            "Bring the service up on the local region: cluster, load balancer, listener and target group, log group, PostgreSQL " +
            "database and parameters, ECR repository and service, all through the region's AWS APIs; then build with [local].build, " +
            "push, deploy, and print the URL. Run it again after a change: only what is missing is created, and the new build is " +
            "deployed as a rolling update.")
        {
            version,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var selection = ServiceTargets.Select(context);
            if (!selection.Environment.IsLocal)
            {
                throw new UsageException(
                    $"`fargo up` runs the service on the local region; {selection.Environment.Name} is an AWS environment.",
                    $"For AWS: fargo infra up --env {selection.Environment.Name}, then fargo deploy --env {selection.Environment.Name} --version V.");
            }

            var settings = selection.Settings ?? throw new UsageException("`fargo up` needs a fargo.toml, not a flat deploy file.");
            var tag = context.ParseResult.GetValue(version) ?? await GitVersion.ResolveAsync(selection.ProjectDirectory, cancellation);
            using var local = new LocalRegionAccessor(context.Host);
            using var session = await ServiceTargets.ConnectAsync(context, selection, local, cancellation);
            var target = session.Target;
            LocalTopologyResult? topology = null;
            var deployer = new Deployer(SystemClock.Instance);
            return await RolloutRunner.RunAsync(
                context,
                target,
                $"Bringing {settings.Name} ({tag}) up on the local region",
                async (progress, token) =>
                {
                    topology = await LocalTopology.ProvisionAsync(target, local, progress, token);
                    progress.Report(new DeployStep($"Building {settings.Name} {tag}: {settings.Local?.Build}"));
                    var build = await LocalBuild.RunAsync(settings, selection.ProjectDirectory, local.BuildsDirectory, tag, BuildOutput.For(context, progress), token);
                    progress.Report(new DeployStep($"Built in {RolloutTimelineText.Format(build.Elapsed)}"));
                    var image = await local.ImportAsync(build.OutputDirectory, target.Spec.Repository!, tag, token);
                    progress.Report(new DeployStep($"Pushed {image.Repository}:{image.Tag} ({image.Digest})"));
                    return await LocalUp.RollOutAsync(target, topology, image, deployer, progress, token);
                },
                cancellation,
                () => topology?.Url.ToString());
        }));
        return command;
    }
}

/// <summary>`fargo down [--volumes]`: removes the service's local topology; the database's data stays unless --volumes.</summary>
internal sealed class DownCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var volumes = new Option<bool>("--volumes") { Description = "Delete the database's data too." };
        var command = new Command(
            "down",
            "Take the service off the local region: stop and delete the service, its listener, target group and (when no other " +
            "service uses them) the load balancer and cluster, and stop its database. The database's data, the images, the log " +
            "group and the parameters stay, so the next `fargo up` finds everything as it was; --volumes deletes the data.")
        {
            volumes,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var selection = ServiceTargets.Select(context);
            if (!selection.Environment.IsLocal)
            {
                throw new UsageException($"`fargo down` works on the local region; for AWS use fargo infra down --env {selection.Environment.Name}.");
            }

            using var local = new LocalRegionAccessor(context.Host);
            using var session = await ServiceTargets.ConnectAsync(context, selection, local, cancellation);
            var console = context.Json ? context.Host.Error : context.Host.Out;
            var printer = new PlainRolloutPrinter(console);
            await LocalTopology.DeprovisionAsync(session.Target, local, context.ParseResult.GetValue(volumes), TimeSpan.FromMinutes(3), printer, cancellation);
            console.MarkupLine($"[green]✔[/] {Markup.Escape(selection.Spec.Service)} is down.");
            return ExitCodes.Success;
        }));
        return command;
    }
}

/// <summary>The build's own output: shown with --verbose (as progress), else kept back (a failure shows its last lines).</summary>
internal static class BuildOutput
{
    public static IProgress<string>? For(CommandContext context, IProgress<DeployProgress>? progress)
    {
        if (!context.Settings.Verbose)
        {
            return null;
        }

        return progress is null
            ? new Printer(context.Json ? context.Host.ErrorWriter : context.Host.OutWriter)
            : new Steps(progress);
    }

    private sealed class Printer(TextWriter writer) : IProgress<string>
    {
        public void Report(string value)
        {
            lock (writer)
            {
                writer.WriteLine(value);
                writer.Flush();
            }
        }
    }

    private sealed class Steps(IProgress<DeployProgress> progress) : IProgress<string>
    {
        public void Report(string value) => progress.Report(new DeployStep("  " + value));
    }
}

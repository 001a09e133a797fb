using System.CommandLine;
using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Local;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Stacks;
using Fargo.Deploy.Watching;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// `fargo up`: the whole service on the local region through the same stacks as on AWS — synthesize (cached), deploy
/// the environment and service stacks to the local CloudFormation, build with [local].build, push, `fargo deploy` —
/// and its URL.
/// </summary>
internal sealed class UpCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var version = ServiceOptions.Version("The version to build and deploy. Default: the git short SHA (with -dirty-HASH when the tree has changes: a tag per state of the changes).");
        var command = new Command(
            "up",
            "Bring the service up on the local region as on AWS (every service of an app, each called service before its callers; one with --service): synthesize the local environment's stacks (the same CDK code " +
            "as `fargo infra`, cached while fargo.toml is unchanged), deploy them to the local CloudFormation (network, load " +
            "balancer, cluster; repository, target group, log group, database and its secret, service), build with " +
            "[local].build, push, deploy, and print the URL. Run it again after a change: the stacks get only what changed, " +
            "and the new build is deployed as a rolling update.")
        {
            version,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var selections = ServiceTargets.SelectApp(context);
            if (!selections[0].Environment.IsLocal)
            {
                throw new UsageException(
                    $"`fargo up` runs the service on the local region; {selections[0].Environment.Name} is an AWS environment.",
                    $"For AWS: fargo infra up --env {selections[0].Environment.Name}, then fargo deploy --env {selections[0].Environment.Name} --version V.");
            }

            if (selections[0].Config is not ServiceConfig)
            {
                throw new UsageException("`fargo up` needs a fargo.toml, not a flat deploy file.");
            }

            var tag = context.ParseResult.GetValue(version) ?? await GitVersion.ResolveAsync(selections[0].ProjectDirectory, cancellation);
            using var local = new LocalRegionAccessor(context.Host);

            // Every service of the app, called services before their callers: each one's stacks, build and deploy.
            var builds = new LocalBuilds();
            return await AppRollouts.RunAsync(context, selections, (selection, results) => UpAsync(context, selection, local, tag, builds, results, cancellation));
        }));
        return command;
    }

    private static async Task<int> UpAsync(
        CommandContext context, ServiceSelection selection, LocalRegionAccessor local, string tag, LocalBuilds builds, RolloutResults results, CancellationToken cancellation)
    {
        var settings = selection.Settings!;
        using var session = await ServiceTargets.ConnectAsync(context, selection, local, cancellation);
        var target = session.Target;
        await LocalInfra.RequireCalledServicesAsync(target, settings, cancellation);
        var infrastructure = InfraDependencies.ForProcess();
        string? url = null;
        var deployer = new Deployer(SystemClock.Instance);
        return await RolloutRunner.RunAsync(
            context,
            target,
            $"Bringing {settings.Name} ({tag}) up on the local region",
            async (progress, token) =>
            {
                // Before anything changes: a file that disagrees with the shared environment changes nothing.
                var inputs = await LocalInfra.CheckAsync(target, settings, selection.Config.SourcePath, token);
                foreach (var name in await LocalSecrets.EnsureExplicitAsync(target.Apis.Ssm, settings, token))
                {
                    progress.Report(new DeployStep($"Parameter {name} did not exist: created it with a generated value (set your own with `fargo secret set`, or put-parameter)"));
                }

                await LocalInfra.UpAsync(infrastructure, context.Host, target, selection.Config, settings, inputs, line => progress.Report(new DeployStep(line)), token);
                LocalBuildResult build;
                if (builds.Find(selection.ProjectDirectory, settings) is { } done)
                {
                    build = done.Result;
                    progress.Report(new DeployStep($"Built with {done.Service}: the same [local] build in the same folder"));
                }
                else
                {
                    progress.Report(new DeployStep($"Building {settings.Name} {tag}: {settings.Local?.Build}"));
                    build = await LocalBuild.RunAsync(settings, selection.ProjectDirectory, local.BuildsDirectory, tag, BuildOutput.For(context, progress), token);
                    builds.Add(selection.ProjectDirectory, settings, build);
                    progress.Report(new DeployStep($"Built in {RolloutTimelineText.Format(build.Elapsed)}"));
                }

                var image = await local.ImportAsync(build.OutputDirectory, target.Spec.Repository!, tag, token);
                progress.Report(new DeployStep($"Pushed {image.Repository}:{image.Tag} ({image.Digest})"));
                var request = new DeployRequest(null, image.ImageUri);
                var plan = await Deployer.PlanAsync(target, request, token);
                var result = await deployer.DeployAsync(plan, request, progress, token);
                url = await UrlResolver.ResolveAsync(target, await ServiceLookup.RequireAsync(target, token), token);
                if (url is not null && await UrlResolver.LocalCurlHint(target, url, local.Home.CertificateAuthorityFile, token) is { } hint)
                {
                    progress.Report(new DeployStep($"Reach it with: {hint}"));
                }

                return result;
            },
            cancellation,
            () => url,
            results);
    }
}

/// <summary>
/// `fargo down [--volumes]`: deletes the service stack (and the environment stack when no other service uses it); data
/// follows the templates' DeletionPolicy, and --volumes also deletes what they retained.
/// </summary>
internal sealed class DownCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var volumes = new Option<bool>("--volumes") { Description = "Also delete the data the stacks retain (the database's)." };
        var command = new Command(
            "down",
            "Take the service off the local region (every service of an app, callers first; one with --service): delete its stack (service, target group and listener rule, repository, log " +
            "group, database…) and, when no other service uses it, the environment's stack (load balancer, cluster). What the " +
            "templates retain (DeletionPolicy Retain or Snapshot: the database's data) stays, so the next `fargo up` finds it; " +
            "--volumes deletes that too.")
        {
            volumes,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var selections = ServiceTargets.SelectApp(context);
            if (!selections[0].Environment.IsLocal)
            {
                throw new UsageException($"`fargo down` works on the local region; for AWS use fargo infra down --env {selections[0].Environment.Name}.");
            }

            if (selections[0].Config is not ServiceConfig)
            {
                throw new UsageException("`fargo down` needs a fargo.toml, not a flat deploy file.");
            }

            using var local = new LocalRegionAccessor(context.Host);
            var console = context.Json ? context.Host.Error : context.Host.Out;

            // Callers before the services they call: the reverse of the order `fargo up` brings them up in.
            foreach (var selection in selections.Reverse())
            {
                await DownAsync(context, selection, local, context.ParseResult.GetValue(volumes), cancellation);
                console.MarkupLine($"[green]✔[/] {Markup.Escape(selection.Spec.Service)} is down.");
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task DownAsync(CommandContext context, ServiceSelection selection, LocalRegionAccessor local, bool volumes, CancellationToken cancellation)
    {
        var settings = selection.Settings!;
        using var session = await ServiceTargets.ConnectAsync(context, selection, local, cancellation);
        await LocalInfra.RequireNoCallersAsync(session.Target, selection.Config, settings, cancellation);
        var console = context.Json ? context.Host.Error : context.Host.Out;
        void Say(string line) => console.MarkupLine($"[grey]{Markup.Escape(line)}[/]");
        var synthesis = await LocalInfra.SynthesizeAsync(InfraDependencies.ForProcess(), context.Host, selection.Config, settings, cancellation);
        if (volumes)
        {
            // The template keeps the database's data (DeletionPolicy Snapshot): deleting the instance with its data
            // first leaves the stack nothing to keep.
            var instances = await EnvironmentStacks.PhysicalIdsAsync(LocalInfra.CloudFormationOf(session.Target), synthesis.Assembly.Stacks.Service, "AWS::RDS::DBInstance", cancellation);
            foreach (var instance in instances)
            {
                if (await local.DeleteAsync(instance, deleteData: true, cancellation))
                {
                    Say($"Deleted database {instance} with its data");
                }
            }
        }

        await LocalInfra.DownAsync(local, session.Target, settings, synthesis.Assembly, Say, cancellation);
    }
}

/// <summary>
/// The builds of one `fargo up` or `fargo build` of an app: services with the same [local] build in the same folder (an
/// API and its worker built from one project) are built once, and each imports that output as its own image.
/// </summary>
internal sealed class LocalBuilds
{
    /// <summary>
    /// The build folder `fargo push` imports as a service's version: its own, or, when it has none, that of the first
    /// service of the app (as written) with the same [local] build that has one (`fargo build` built them once, there).
    /// </summary>
    public static string OutputOf(ServiceSelection selection, ServiceSettings settings, string buildsDirectory, string version)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(settings);
        var own = LocalBuild.OutputDirectory(buildsDirectory, settings.Name, version);
        if (Directory.Exists(own) || selection.Config is not ServiceConfig { HasSeveralServices: true } app || settings.Local?.Build is not { } build)
        {
            return own;
        }

        return app.ServicesIn(settings.Environment.Name)
            .Where(other => other.Local?.Build == build)
            .Select(other => LocalBuild.OutputDirectory(buildsDirectory, other.Name, version))
            .FirstOrDefault(Directory.Exists) ?? own;
    }

    private readonly Dictionary<(string Folder, string Build), (string Service, LocalBuildResult Result)> _done = [];

    public (string Service, LocalBuildResult Result)? Find(string folder, ServiceSettings settings) =>
        settings.Local?.Build is { } build && _done.TryGetValue((folder, build), out var done) ? done : null;

    public void Add(string folder, ServiceSettings settings, LocalBuildResult result)
    {
        if (settings.Local?.Build is { } build)
        {
            _done[(folder, build)] = (settings.Name, result);
        }
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

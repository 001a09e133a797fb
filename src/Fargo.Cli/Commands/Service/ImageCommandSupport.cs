using Fargo.Cli.Errors;
using Fargo.Config.Model;
using Fargo.Deploy.Images.Building;
using Fargo.Deploy.Local;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>What `fargo build` and `fargo push` share for AWS environments: the request, the engine, showing commands.</summary>
internal static class ImageCommandSupport
{
    /// <summary>
    /// The services `fargo build`, `push` and `promote` work on, with fargo.toml's settings: the one of --service (or of a
    /// file of one service), else every service of the app, called services first (as deploys go). A flat deploy file
    /// deploys images built elsewhere, so it has nothing to build.
    /// </summary>
    /// <param name="environment">The environment; null: --env's.</param>
    public static IReadOnlyList<(ServiceSelection Selection, ServiceSettings Settings)> SelectAll(CommandContext context, string? environment = null) =>
        [.. ServiceTargets.SelectApp(context, environment).Select(selection => selection.Settings is { } settings
            ? (selection, settings)
            : throw new UsageException("A flat deploy file has nothing to build: it deploys an image built elsewhere."))];

    /// <summary>
    /// Runs an image command on each service in turn. The first failure stops there, so the services after it are left as
    /// they were; with several services, the error output first says which service failed and which were done.
    /// </summary>
    public static async Task<int> EachAsync<TService, TResult>(
        CommandContext context, IReadOnlyList<TService> services, Func<TService, string> name, AppJsonResults<TResult> results, Func<TService, Task<int>> command)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(command);
        var done = new List<string>();
        try
        {
            foreach (var service in services)
            {
                int exitCode;
                try
                {
                    exitCode = await command(service);
                }
                catch (Exception e) when (services.Count > 1 && e is not OperationCanceledException)
                {
                    ReportStop(context, name(service), done, services.Count);
                    throw;
                }

                if (exitCode != ExitCodes.Success)
                {
                    ReportStop(context, name(service), done, services.Count);
                    return exitCode;
                }

                done.Add(name(service));
            }

            return ExitCodes.Success;
        }
        finally
        {
            results.Complete();
        }
    }

    private static void ReportStop(CommandContext context, string failed, List<string> done, int count)
    {
        var before = done.Count == 0 ? "none before it" : $"done before it: {string.Join(", ", done)}";
        context.Host.Error.MarkupLine(
            $"[red]✘[/] {Markup.Escape(failed)} failed ({Markup.Escape(before)}); the {count - done.Count - 1} service(s) after it were not attempted.");
    }

    /// <summary>The version (--version, else the git short SHA with -dirty), the source, git's revision and the engine.</summary>
    public static async Task<(ImageBuildRequest Request, ContainerEngine? Engine)> PrepareAsync(
        CommandContext context,
        ServiceSelection selection,
        ServiceSettings settings,
        string? version,
        IReadOnlyList<string> tests,
        bool dryRun,
        CancellationToken cancellation)
    {
        var tag = version ?? await GitVersion.ResolveAsync(selection.ProjectDirectory, cancellation);
        var source = BuildSourceLocator.Locate(settings.Image);
        var revision = await SourceRevision.ReadAsync(selection.ProjectDirectory, cancellation);
        using var local = new LocalRegionAccessor(context.Host);
        var archive = Path.Combine(local.BuildsDirectory, settings.Name, tag + ".image.tar.gz");
        var request = ImageBuildRequest.For(settings, source, tag, revision, DateTimeOffset.UtcNow, tests, archive);
        var engine = await new ContainerEngineDetector(context.Host.GetEnvironmentVariable).DetectAsync(cancellation);
        if (engine is null && dryRun && (source is DockerfileSource || request.TestCommands.Count > 0))
        {
            // Nothing runs: show what Docker would be asked to do on this machine.
            engine = new ContainerEngine(ContainerEngineKind.Docker, "docker", ContainerEngineDetector.HostPlatform);
            context.Host.Error.MarkupLine("[yellow]No container engine answers here; these are the commands for docker.[/]");
        }

        return (request, engine);
    }

    /// <summary>Where progress goes: stdout for people, stderr when stdout carries JSON.</summary>
    public static IAnsiConsole Console(CommandContext context) => context.Json ? context.Host.Error : context.Host.Out;

    /// <summary>Prints each command as it starts ("$ docker build …"), in text mode.</summary>
    public static IProgress<ProcessCommand>? Starting(CommandContext context) =>
        context.Json ? null : new CommandEcho(context.Host.Out);

    /// <summary>--dry-run: the commands, one per line, shell-quoted.</summary>
    public static void PrintCommands(CommandContext context, IEnumerable<ProcessCommand> commands)
    {
        var writer = context.Host.OutWriter;
        foreach (var command in commands)
        {
            writer.WriteLine(command.ToShell());
        }

        writer.Flush();
    }

    public static IReadOnlyList<IReadOnlyList<string>> Arrays(IEnumerable<ProcessCommand> commands) =>
        [.. commands.Select(c => c.Environment.Count == 0 ? c.Argv : ["env", .. c.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}"), .. c.Argv])];

    private sealed class CommandEcho(IAnsiConsole console) : IProgress<ProcessCommand>
    {
        public void Report(ProcessCommand value) => console.MarkupLine($"[grey]$ {Markup.Escape(value.ToShell())}[/]");
    }
}

using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using Fargo.Cli.Commands;
using Fargo.Cli.Configuration;
using Fargo.Cli.Errors;
using Fargo.Cli.Rendering;
using Fargo.Config;

namespace Fargo.Cli;

/// <summary>Builds the `fargo` command tree and runs one command line against a <see cref="CliHost"/>.</summary>
internal static class FargoApp
{
    public const string Description =
        "Fargo deploys a containerized web service to AWS ECS Fargate from one fargo.toml, " +
        "and runs the same service on this machine through a local region.";

    /// <summary>
    /// Runs a command line and returns the exit code. The process passes a termination timeout so that Ctrl-C
    /// cancels <paramref name="cancellation"/>'s linked token and waits that long for the command to stop;
    /// in-process callers (tests) pass null and cancel through <paramref name="cancellation"/> themselves.
    /// </summary>
    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        CliHost host,
        CancellationToken cancellation,
        TimeSpan? processTerminationTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        var globals = new GlobalOptions();
        var root = CreateRootCommand(new CommandServices(host, globals));
        var parseResult = root.Parse(args);
        if (parseResult.Action is ParseErrorAction)
        {
            ParseErrorRenderer.Write(host, parseResult, globals.OutputOf(parseResult));
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration
        {
            Output = host.OutWriter,
            Error = host.ErrorWriter,
            EnableDefaultExceptionHandler = false,
            ProcessTerminationTimeout = processTerminationTimeout,
        };

        try
        {
            return await parseResult.InvokeAsync(invocation, cancellation);
        }
#pragma warning disable CA1031 // Failures outside a command body (completion sources, help) still get a message and an exit code.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            var report = ExceptionMapper.Map(exception, cancellation);
            ErrorRenderer.Write(host, report, globals.OutputOf(parseResult), parseResult.GetValue(globals.Verbose));
            return report.ExitCode;
        }
    }

    // Completes --env with the environments of the file the command line points at. A file that does not load
    // yields no names: completion must never fail loudly in the middle of typing.
    private static IEnumerable<string> EnvironmentNames(ParseResult parseResult, CommandServices services)
    {
        try
        {
            // Read leniently: the line being completed is often incomplete ("--env " has no value yet).
            var configPath = parseResult.GetResult(services.Globals.Config)?.Tokens is { Count: > 0 } tokens ? tokens[0].Value : null;
            var path = ConfigFiles.Resolve(configPath, services.Host.WorkingDirectory);
            return new ConfigLoader().Load(path) is ServiceConfig config ? config.EnvironmentNames : [];
        }
        catch (Exception exception) when (exception is ConfigException or UsageException or IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    public static RootCommand CreateRootCommand(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var root = new RootCommand(Description);

        // System.CommandLine's default help option also answers to /?, /h and -?; they clutter completion.
        foreach (var help in root.Options.OfType<HelpOption>().ToList())
        {
            root.Options.Remove(help);
        }

        root.Options.Add(new HelpOption("--help", "-h") { Description = "Show what a command does, its options and its subcommands." });
        services.Globals.Env.CompletionSources.Add(context => EnvironmentNames(context.ParseResult, services));
        foreach (var option in services.Globals.All)
        {
            root.Options.Add(option);
        }

        foreach (var command in CommandCatalog.All)
        {
            root.Subcommands.Add(command.Create(services));
        }

        // Bare `fargo` shows the overview; an unknown command is a usage error (exit 2).
        root.SetAction(parseResult => new HelpAction().Invoke(parseResult));
        return root;
    }
}

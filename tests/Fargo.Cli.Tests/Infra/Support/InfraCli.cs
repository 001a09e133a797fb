using System.CommandLine;
using System.CommandLine.Invocation;
using Fargo.Cli.Commands;
using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Rendering;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.Infra.Support;

/// <summary>
/// Runs `fargo infra …` in-process with the given dependencies (fake toolkit, fake AWS, scripted prompt): the same
/// global options, parse-error rendering and invocation as FargoApp, with the infra command built on those fakes.
/// </summary>
internal static class InfraCli
{
    public static async Task<CliResult> RunAsync(InfraDependencies dependencies, string workingDirectory, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = FargoCli.HostFor(workingDirectory, output, error);
        var globals = new GlobalOptions();
        var root = new RootCommand(FargoApp.Description);
        foreach (var option in globals.All)
        {
            root.Options.Add(option);
        }

        root.Subcommands.Add(new InfraCommand(dependencies).Create(new CommandServices(host, globals)));
        var parseResult = root.Parse(args);
        int exitCode;
        if (parseResult.Action is ParseErrorAction)
        {
            ParseErrorRenderer.Write(host, parseResult, globals.OutputOf(parseResult));
            exitCode = ExitCodes.Usage;
        }
        else
        {
            var invocation = new InvocationConfiguration { Output = host.OutWriter, Error = host.ErrorWriter, EnableDefaultExceptionHandler = false };
            exitCode = await parseResult.InvokeAsync(invocation, CancellationToken.None);
        }

        return new CliResult(exitCode, output.ToString(), error.ToString());
    }
}

using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Cli.Rendering;

namespace Fargo.Cli.Commands;

/// <summary>What a command needs while building itself: the host it will run in and the global options.</summary>
internal sealed class CommandServices(CliHost host, GlobalOptions globals)
{
    public CliHost Host { get; } = host;

    public GlobalOptions Globals { get; } = globals;

    /// <summary>
    /// Gives a command its body. The body gets a <see cref="CommandContext"/> (host, global option values,
    /// parse result) and the run's cancellation token (Ctrl-C); whatever it throws is reported by
    /// <see cref="ExceptionMapper"/> in the output format asked for, and becomes the exit code.
    /// </summary>
    public void SetAction(Command command, Func<CommandContext, CancellationToken, Task<int>> body)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(body);
        command.SetAction(async (parseResult, cancellation) =>
        {
            var context = new CommandContext(Host, Globals.Read(parseResult), parseResult);
            try
            {
                return await body(context, cancellation);
            }
#pragma warning disable CA1031 // The one place every failure of a command becomes a message and an exit code.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var report = ExceptionMapper.Map(exception, cancellation);
                ErrorRenderer.Write(Host, report, context.Settings.Output, context.Settings.Verbose);
                return report.ExitCode;
            }
        });
    }

    /// <summary>A body with nothing to await.</summary>
    public void SetAction(Command command, Func<CommandContext, int> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        SetAction(command, (context, _) => Task.FromResult(body(context)));
    }
}

using Fargo.Cli.Rendering;
using Spectre.Console;

namespace Fargo.Cli;

/// <summary>
/// The outside world as a command sees it: where to write, where it runs, and the environment variables
/// it may read, and standard input when it is redirected (a piped secret). The real process passes the terminal;
/// tests pass captured writers and a temporary folder,
/// so every command runs in-process exactly as it would from a shell.
/// </summary>
internal sealed record CliHost(
    IAnsiConsole Out,
    IAnsiConsole Error,
    string WorkingDirectory,
    Func<string, string?> GetEnvironmentVariable,
    TextReader? RedirectedInput = null)
{
    /// <summary>Raw stdout, for machine-readable output that must not be wrapped or styled.</summary>
    public TextWriter OutWriter => Out.Profile.Out.Writer;

    /// <summary>Raw stderr.</summary>
    public TextWriter ErrorWriter => Error.Profile.Out.Writer;

    /// <summary>The host of the real process: the terminal's stdout and stderr and the current directory.</summary>
    public static CliHost ForProcess()
    {
        Func<string, string?> env = Environment.GetEnvironmentVariable;
        var stdout = TerminalConsoles.Create(Console.Out, TerminalTraits.Detect(Console.IsOutputRedirected, env));
        var stderr = TerminalConsoles.Create(Console.Error, TerminalTraits.Detect(Console.IsErrorRedirected, env));
        return new CliHost(stdout, stderr, Directory.GetCurrentDirectory(), env, Console.IsInputRedirected ? Console.In : null);
    }
}

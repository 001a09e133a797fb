using Spectre.Console;

namespace Fargo.Cli.Rendering;

/// <summary>What the output stream is attached to, decided once so every renderer agrees.</summary>
/// <param name="IsTerminal">A person is watching: ANSI sequences, interactivity and the window width apply.</param>
/// <param name="NoColor">The user asked for no colour (https://no-color.org: NO_COLOR set and not empty).</param>
/// <param name="Width">Columns to lay text out in.</param>
internal sealed record TerminalTraits(bool IsTerminal, bool NoColor, int Width)
{
    // Redirected output is read by programs and grep; lines wrapped at 80 columns would break "file:line:col" records.
    internal const int RedirectedWidth = 4096;

    public static TerminalTraits Detect(bool redirected, Func<string, string?> environment)
    {
        var noColor = !string.IsNullOrEmpty(environment("NO_COLOR"));
        var dumb = string.Equals(environment("TERM"), "dumb", StringComparison.Ordinal);
        var isTerminal = !redirected && !dumb;
        var width = isTerminal ? TerminalWidth() : RedirectedWidth;
        return new TerminalTraits(isTerminal, noColor, width);
    }

    /// <summary>Captured output in tests: plain text, no colour, no wrapping.</summary>
    public static TerminalTraits Plain { get; } = new(IsTerminal: false, NoColor: true, Width: RedirectedWidth);

    private static int TerminalWidth()
    {
        try
        {
            return Console.WindowWidth > 0 ? Console.WindowWidth : 80;
        }
        catch (IOException)
        {
            return 80;
        }
    }
}

/// <summary>Creates Spectre consoles whose colour and ANSI use follow <see cref="TerminalTraits"/>, not guesses.</summary>
internal static class TerminalConsoles
{
    public static IAnsiConsole Create(TextWriter writer, TerminalTraits traits)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = traits.IsTerminal ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = traits.IsTerminal && !traits.NoColor ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = traits.IsTerminal ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
            // CI enrichers would silently change the profile; the traits above already say what applies.
            Enrichment = new ProfileEnrichment { UseDefaultEnrichers = false },
        });
        console.Profile.Width = traits.Width;
        return console;
    }
}

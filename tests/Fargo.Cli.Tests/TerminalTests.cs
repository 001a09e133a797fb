using Fargo.Cli.Rendering;
using Spectre.Console;

namespace Fargo.Cli.Tests;

public sealed class TerminalTests
{
    private static Func<string, string?> Environment(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void Redirected_output_is_plain_and_unwrapped()
    {
        var traits = TerminalTraits.Detect(redirected: true, Environment());

        Assert.False(traits.IsTerminal);
        Assert.Equal(TerminalTraits.RedirectedWidth, traits.Width);
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("", false)]
    public void NO_COLOR_turns_colour_off_when_set_and_not_empty(string value, bool noColor)
    {
        Assert.Equal(noColor, TerminalTraits.Detect(redirected: false, Environment(("NO_COLOR", value))).NoColor);
    }

    [Fact]
    public void A_dumb_terminal_gets_no_escape_sequences()
    {
        Assert.False(TerminalTraits.Detect(redirected: false, Environment(("TERM", "dumb"))).IsTerminal);
    }

    [Fact]
    public void Markup_writes_no_escape_codes_when_not_on_a_terminal()
    {
        using var writer = new StringWriter();
        var console = TerminalConsoles.Create(writer, new TerminalTraits(IsTerminal: false, NoColor: false, Width: 100));

        console.MarkupLine("[red bold]error:[/] text");

        Assert.Equal("error: text\n", writer.ToString().Replace("\r\n", "\n", StringComparison.Ordinal));
        Assert.Equal(ColorSystem.NoColors, console.Profile.Capabilities.ColorSystem);
    }

    [Fact]
    public void Long_lines_are_not_wrapped_when_redirected()
    {
        using var writer = new StringWriter();
        var console = TerminalConsoles.Create(writer, TerminalTraits.Plain);
        var line = string.Join(' ', Enumerable.Repeat("word", 100));

        console.MarkupLine(line);

        Assert.Equal(line + "\n", writer.ToString());
    }
}

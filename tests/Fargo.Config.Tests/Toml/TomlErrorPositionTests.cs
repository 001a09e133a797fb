using System.Text;
using Fargo.Config.Toml;

namespace Fargo.Config.Tests.Toml;

/// <summary>Mistakes a person makes in a TOML file, and the line, column and reason the reader reports.</summary>
public sealed class TomlErrorPositionTests
{
    [Theory]
    [InlineData("a = 1\nb = \"never closed\n", 2, 5, "never closed")]
    [InlineData("port = 8080\nport = 9090\n", 2, 1, "'port' is defined more than once (first at 1:1)")]
    [InlineData("[health]\npath = \"/\"\n\n[health]\n", 4, 2, "table [health] is defined more than once")]
    [InlineData("s = \"a\\qb\"", 1, 7, "invalid escape sequence")]
    [InlineData("s = \"\\uD800\"", 1, 6, "not a Unicode scalar value")]
    [InlineData("n = 1__000", 1, 7, "underscore")]
    [InlineData("n = 0123", 1, 5, "leading zeros")]
    [InlineData("n = 1.", 1, 6, "decimal point")]
    [InlineData("n = +0x10", 1, 5, "cannot have a sign")]
    [InlineData("d = 2023-02-29", 1, 13, "day 29 does not exist in 2023-02")]
    [InlineData("d = 2024-13-01", 1, 10, "month 13")]
    [InlineData("t = 24:00:00", 1, 5, "hour 24")]
    [InlineData("t = 10:30", 1, 10, "seconds are required")]
    [InlineData("name \"x\"", 1, 6, "expected '=' after the key 'name'")]
    [InlineData("name =\n", 1, 7, "expected a value")]
    [InlineData("on = True", 1, 6, "expected a value")]
    [InlineData("on = tru", 1, 6, "expected 'true'")]
    [InlineData("a = 1 b = 2", 1, 7, "expected the end of the line")]
    [InlineData("p = { x = 1,\n y = 2 }", 1, 13, "one line")]
    [InlineData("p = { x = 1, }", 1, 12, "trailing comma")]
    [InlineData("p = { x = 1 }\np.y = 2", 2, 1, "already an inline table")]
    [InlineData("a = [1, 2\nb = 3", 2, 1, "expected ',' or ']'")]
    [InlineData("a = [1, 2", 1, 5, "array is never closed")]
    [InlineData("a = 1\na.b = 2", 2, 1, "already an integer")]
    [InlineData("[a.b]\nc = 1\n[a]\nb.d = 2", 4, 1, "cannot use dotted key")]
    [InlineData("[[a]]\n[a]", 2, 2, "already an array of tables")]
    [InlineData("a = []\n[[a]]", 2, 3, "already an array")]
    [InlineData("[a\nb = 1", 1, 3, "']'")]
    [InlineData("# fine\n# bad \u0007 bell", 2, 7, "control character U+0007")]
    [InlineData("a = 1\r\nb = \"\r\n", 2, 5, "never closed")]
    [InlineData("a = 1\rb = 2", 1, 6, "carriage return")]
    [InlineData("\tkey\t=\t\"a\"\tjunk", 1, 12, "expected the end of the line")]
    [InlineData("s = \"😀\" x", 1, 9, "expected the end of the line")]
    [InlineData("\"\"\"key\"\"\" = 1", 1, 1, "multi-line string cannot be used as a key")]
    public void Reports_the_line_column_and_reason(string toml, int line, int column, string reason)
    {
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(toml));

        Assert.Contains(reason, error.Reason, StringComparison.Ordinal);
        Assert.Equal(new TomlPosition(line, column), error.Position);
        Assert.StartsWith($"{line}:{column}: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_utf8_is_located_at_the_bad_byte()
    {
        var bytes = Encoding.UTF8.GetBytes("a = 1\nb = \"é?\"").ToArray();
        bytes[^2] = 0xFF;

        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(bytes));

        Assert.Equal(new TomlPosition(2, 7), error.Position);
        Assert.Contains("invalid UTF-8 (byte 0xFF)", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_utf16_file_is_named_as_such()
    {
        byte[] bytes = [0xFF, 0xFE, (byte)'a', 0, (byte)'=', 0, (byte)'1', 0];

        var error = Assert.Throws<TomlException>(() => TomlParser.Parse(bytes));

        Assert.Contains("UTF-16", error.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_lone_surrogate_in_text_is_rejected()
    {
        var error = Assert.Throws<TomlException>(() => TomlParser.Parse("s = \"a\uD800b\""));

        Assert.Equal(new TomlPosition(1, 7), error.Position);
        Assert.Contains("surrogate", error.Reason, StringComparison.Ordinal);
    }
}

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Fargo.Deploy.Pipeline;

/// <summary>
/// A small block-style YAML writer: mappings, sequences of mappings, literal blocks and comments, two spaces per
/// level. Fargo writes workflows by hand so that they read like hand-written ones, comments included; every scalar
/// goes through <see cref="Scalar"/>, so no value can change the document's structure.
/// </summary>
internal sealed partial class YamlText
{
    private readonly StringBuilder _text = new();
    private int _indent;

    /// <summary>Comment lines at the current level ("" gives a bare "#").</summary>
    public YamlText Comment(params string[] lines)
    {
        foreach (var line in lines)
        {
            Line(line.Length == 0 ? "#" : "# " + line);
        }

        return this;
    }

    public YamlText Blank()
    {
        _text.Append('\n');
        return this;
    }

    /// <summary>key: value, with an optional comment at the end of the line.</summary>
    public YamlText Pair(string key, string value, string? comment = null) =>
        Line($"{Key(key)}: {Scalar(value)}{(comment is null ? "" : "  # " + comment)}");

    /// <summary>key: true or key: false, a YAML boolean.</summary>
    public YamlText Flag(string key, bool value) => Line($"{Key(key)}: {(value ? "true" : "false")}");

    /// <summary>key: and a nested block written by <paramref name="body"/>.</summary>
    public YamlText Map(string key, Action<YamlText> body, string? comment = null)
    {
        Line($"{Key(key)}:{(comment is null ? "" : "  # " + comment)}");
        Nested(body);
        return this;
    }

    /// <summary>key: and one "- value" line per item.</summary>
    public YamlText List(string key, IEnumerable<string> items)
    {
        Line($"{Key(key)}:");
        Nested(y =>
        {
            foreach (var item in items)
            {
                y.Line("- " + Scalar(item));
            }
        });
        return this;
    }

    /// <summary>An item of a sequence that is a mapping: "- " before its first line, its other lines aligned with it.</summary>
    public YamlText Item(Action<YamlText> body)
    {
        var item = new YamlText { _indent = _indent + 1 };
        body(item);
        var lines = item._text.ToString().Split('\n')[..^1];
        var prefix = new string(' ', 2 * _indent);
        var first = true;
        foreach (var line in lines)
        {
            _text.Append(first ? prefix + "- " + line.TrimStart() : line).Append('\n');
            first = false;
        }

        return this;
    }

    /// <summary>key: | and the text's lines (a literal block: no character in it is special).</summary>
    public YamlText Literal(string key, IEnumerable<string> lines)
    {
        Line($"{Key(key)}: |");
        Nested(y =>
        {
            foreach (var line in lines)
            {
                y.Line(line);
            }
        });
        return this;
    }

    public override string ToString() => _text.ToString();

    /// <summary>
    /// A scalar as YAML reads it back unchanged, as a string: plain when nothing in it could mean something else
    /// (a number, a boolean, null, an indicator), else double-quoted with JSON-style escapes.
    /// </summary>
    public static string Scalar(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (IsPlainSafe(value))
        {
            return value;
        }

        var quoted = new StringBuilder("\"");
        foreach (var c in value)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                '\r' => "\\r",
                _ when char.IsControl(c) => "\\u" + ((int)c).ToString("x4", CultureInfo.InvariantCulture),
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    // YAML's rules for a plain scalar in block context, made stricter where YAML 1.1 and 1.2 readers differ:
    // no indicator first, no ": " or " #" inside, no ':' last, no spaces at either end, nothing that a reader
    // resolves to a number, boolean, null or date (they all start with a digit, '+', '.', or are reserved words).
    private static bool IsPlainSafe(string value) =>
        value.Length > 0
        && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])
        && !"-?:,[]{}#&*!|>'\"%@`+.=~<".Contains(value[0], StringComparison.Ordinal)
        && !char.IsAsciiDigit(value[0])
        && !value.Contains(": ", StringComparison.Ordinal)
        && !value.Contains(" #", StringComparison.Ordinal)
        && !value.EndsWith(':')
        && !value.Any(char.IsControl)
        && !Reserved().IsMatch(value);

    private static string Key(string key) =>
        PlainKey().IsMatch(key) ? key : throw new ArgumentException($"'{key}' is not a key this writer emits plainly.", nameof(key));

    private YamlText Line(string line)
    {
        _text.Append(' ', 2 * _indent).Append(line).Append('\n');
        return this;
    }

    private void Nested(Action<YamlText> body)
    {
        _indent++;
        body(this);
        _indent--;
    }

    // YAML 1.1 and 1.2 booleans and nulls, which some readers (and GitHub's) take for what they name.
    [GeneratedRegex(@"^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL)$", RegexOptions.CultureInvariant)]
    private static partial Regex Reserved();

    [GeneratedRegex(@"^[A-Za-z_][A-Za-z0-9_-]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PlainKey();
}

using System.Text;
using Spectre.Console;

namespace Fargo.Cli.Rendering;

/// <summary>
/// Rows of left-aligned columns, indented and two spaces apart, with no trailing spaces (Spectre's grid pads
/// every line to the widest, which shows up in redirected output). Each column may carry a Spectre style.
/// </summary>
internal sealed class TextColumns(params string?[] styles)
{
    private readonly List<string[]> _rows = [];

    public TextColumns Add(params string[] cells)
    {
        _rows.Add(cells);
        return this;
    }

    public void Write(IAnsiConsole console, int indent = 2)
    {
        ArgumentNullException.ThrowIfNull(console);
        var columns = _rows.Count == 0 ? 0 : _rows.Max(r => r.Length);
        var widths = Enumerable.Range(0, columns).Select(c => _rows.Max(r => c < r.Length ? r[c].Length : 0)).ToArray();
        foreach (var row in _rows)
        {
            var line = new StringBuilder(new string(' ', indent));
            for (var c = 0; c < row.Length; c++)
            {
                var style = c < styles.Length ? styles[c] : null;
                line.Append(style is null ? Markup.Escape(row[c]) : $"[{style}]{Markup.Escape(row[c])}[/]");
                if (c < row.Length - 1)
                {
                    line.Append(' ', widths[c] - row[c].Length + 2);
                }
            }

            console.MarkupLine(line.ToString());
        }
    }
}

namespace Fargo.Config.Toml;

/// <summary>
/// Turns an index into the source text into a 1-based line and column. Columns count Unicode code points,
/// so a character outside the BMP (two UTF-16 units) is one column, as an editor shows it.
/// </summary>
internal sealed class LineMap
{
    private readonly string _text;
    private readonly List<int> _lineStarts = [];

    // Positions are asked for mostly in increasing order along one line; remembering the last answer
    // keeps a long single-line document linear instead of quadratic.
    private int _cachedLine = -1;
    private int _cachedIndex;
    private int _cachedColumn;

    public LineMap(string text, int firstIndex)
    {
        _text = text;
        _lineStarts.Add(firstIndex);
        var newline = text.IndexOf('\n', firstIndex);
        while (newline >= 0)
        {
            _lineStarts.Add(newline + 1);
            newline = text.IndexOf('\n', newline + 1);
        }
    }

    public TomlPosition At(int index)
    {
        index = Math.Clamp(index, _lineStarts[0], _text.Length);
        var line = _lineStarts.BinarySearch(index);
        if (line < 0)
        {
            line = ~line - 1;
        }

        int from, column;
        if (line == _cachedLine && index >= _cachedIndex)
        {
            from = _cachedIndex;
            column = _cachedColumn;
        }
        else
        {
            from = _lineStarts[line];
            column = 1;
        }

        for (var i = from; i < index; i++)
        {
            if (!char.IsLowSurrogate(_text[i]) || i == 0 || !char.IsHighSurrogate(_text[i - 1]))
            {
                column++;
            }
        }

        _cachedLine = line;
        _cachedIndex = index;
        _cachedColumn = column;
        return new TomlPosition(line + 1, column);
    }
}

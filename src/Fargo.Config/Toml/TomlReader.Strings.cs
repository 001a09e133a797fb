using System.Text;

namespace Fargo.Config.Toml;

internal sealed partial class TomlReader
{
    /// <summary>"…" with escapes, on one line.</summary>
    private string ReadBasicString()
    {
        var open = _pos;
        _pos++;
        StringBuilder? escaped = null;
        var runStart = _pos;
        while (true)
        {
            var c = Peek();
            switch (c)
            {
                case '"':
                    var value = escaped is null
                        ? _text[runStart.._pos]
                        : escaped.Append(_text, runStart, _pos - runStart).ToString();
                    _pos++;
                    return value;
                case '\\':
                    escaped ??= new StringBuilder();
                    escaped.Append(_text, runStart, _pos - runStart);
                    ReadEscape(escaped);
                    runStart = _pos;
                    break;
                case '\r' when Peek(1) != '\n':
                    throw Error("control character U+000D is not allowed in a string", _pos);
                case EndOfText or '\n' or '\r':
                    throw Error("string is never closed: expected '\"' before the end of the line", open);
                default:
                    SkipContentChar("string");
                    break;
            }
        }
    }

    /// <summary>'…' taken as written, on one line.</summary>
    private string ReadLiteralString()
    {
        var open = _pos;
        _pos++;
        var start = _pos;
        while (true)
        {
            var c = Peek();
            switch (c)
            {
                case '\'':
                    _pos++;
                    return _text[start..(_pos - 1)];
                case '\r' when Peek(1) != '\n':
                    throw Error("control character U+000D is not allowed in a string", _pos);
                case EndOfText or '\n' or '\r':
                    throw Error("string is never closed: expected \"'\" before the end of the line", open);
                default:
                    SkipContentChar("string");
                    break;
            }
        }
    }

    /// <summary>"""…""" with escapes and line-ending backslashes. Line ends read as "\n" whatever the file uses.</summary>
    private string ReadMultilineBasicString() => ReadMultilineString('"');

    /// <summary>'''…''' taken as written. Line ends read as "\n" whatever the file uses.</summary>
    private string ReadMultilineLiteralString() => ReadMultilineString('\'');

    /// <summary>The two multi-line forms differ only in the quote and in that the basic one has escapes.</summary>
    private string ReadMultilineString(char quote)
    {
        var open = _pos;
        var hasEscapes = quote == '"';
        _pos += 3;
        SkipNewlineAfterOpeningDelimiter();
        var value = new StringBuilder();
        while (true)
        {
            var c = Peek();
            switch (c)
            {
                case EndOfText:
                    throw Error(hasEscapes ? "multi-line string is never closed: expected '\"\"\"'" : "multi-line string is never closed: expected \"'''\"", open);
                case var _ when c == quote:
                    if (ReadQuotesOrClose(quote, value))
                    {
                        return value.ToString();
                    }

                    break;
                case '\\' when hasEscapes:
                    if (!SkipLineEndingBackslash())
                    {
                        ReadEscape(value);
                    }

                    break;
                case '\n' or '\r':
                    ReadNewlineInto(value);
                    break;
                default:
                    var start = _pos;
                    SkipContentChar("string");
                    value.Append(_text, start, _pos - start);
                    break;
            }
        }
    }

    private void SkipNewlineAfterOpeningDelimiter()
    {
        if (Peek() == '\n')
        {
            _pos++;
        }
        else if (Peek() == '\r' && Peek(1) == '\n')
        {
            _pos += 2;
        }
    }

    private void ReadNewlineInto(StringBuilder value)
    {
        if (Peek() == '\r' && Peek(1) != '\n')
        {
            throw Error("a carriage return must be followed by a line feed", _pos);
        }

        _pos += Peek() == '\r' ? 2 : 1;
        value.Append('\n');
    }

    /// <summary>
    /// A run of quote characters inside a multi-line string: three close it, and up to two more right
    /// before the closing three belong to the string. Returns whether the string was closed.
    /// </summary>
    private bool ReadQuotesOrClose(char quote, StringBuilder value)
    {
        var start = _pos;
        var count = 0;
        while (Peek() == quote)
        {
            count++;
            _pos++;
        }

        if (count < 3)
        {
            value.Append(quote, count);
            return false;
        }

        if (count > 5)
        {
            throw Error($"too many {quote} in a row: a multi-line string may hold at most two in a row", start + 5);
        }

        value.Append(quote, count - 3);
        return true;
    }

    /// <summary>
    /// A backslash that is the last non-blank on its line joins the lines: it, the line end and any
    /// whitespace or blank lines after it are dropped. Returns false when the backslash is an escape instead.
    /// </summary>
    private bool SkipLineEndingBackslash()
    {
        var after = _pos + 1;
        while (after < _text.Length && _text[after] is ' ' or '\t')
        {
            after++;
        }

        var lineEnds = after < _text.Length && (_text[after] == '\n' || _text[after] == '\r' && after + 1 < _text.Length && _text[after + 1] == '\n');
        if (!lineEnds)
        {
            if (after > _pos + 1)
            {
                throw Error("invalid escape: a backslash followed by whitespace must be the last thing on its line", _pos);
            }

            return false;
        }

        _pos = after;
        while (true)
        {
            var c = Peek();
            if (c is ' ' or '\t' or '\n')
            {
                _pos++;
            }
            else if (c == '\r')
            {
                if (Peek(1) != '\n')
                {
                    throw Error("a carriage return must be followed by a line feed", _pos);
                }

                _pos += 2;
            }
            else
            {
                return true;
            }
        }
    }

    /// <summary>An escape sequence at the cursor (on the backslash), appended decoded.</summary>
    private void ReadEscape(StringBuilder value)
    {
        var start = _pos;
        var c = Peek(1);
        _pos += 2;
        switch (c)
        {
            case 'b': value.Append('\b'); return;
            case 't': value.Append('\t'); return;
            case 'n': value.Append('\n'); return;
            case 'f': value.Append('\f'); return;
            case 'r': value.Append('\r'); return;
            case '"': value.Append('"'); return;
            case '\\': value.Append('\\'); return;
            case 'u': ReadUnicodeEscape(value, start, 4); return;
            case 'U': ReadUnicodeEscape(value, start, 8); return;
            case EndOfText:
                throw Error("string is never closed: it ends with a backslash", start);
            default:
                _pos = start;
                var shown = c is '\n' or '\r' ? "a line end" : DescribeAt(start + 1);
                throw Error(
                    $"invalid escape sequence: backslash followed by {shown} (valid: \\b \\t \\n \\f \\r \\\" \\\\ \\uXXXX \\UXXXXXXXX)",
                    start);
        }
    }

    private void ReadUnicodeEscape(StringBuilder value, int start, int digits)
    {
        var codePoint = 0;
        for (var i = 0; i < digits; i++)
        {
            var digit = HexValue(Peek());
            if (digit < 0)
            {
                throw Error($"invalid Unicode escape: \\{_text[start + 1]} needs exactly {digits} hexadecimal digits", start);
            }

            // Eight hex digits can exceed int; anything past U+10FFFF is rejected below anyway.
            codePoint = codePoint > 0x10FFFF ? codePoint : codePoint * 16 + digit;
            _pos++;
        }

        if (codePoint > 0x10FFFF || codePoint is >= 0xD800 and <= 0xDFFF)
        {
            throw Error($"invalid Unicode escape: {_text[start.._pos]} is not a Unicode scalar value", start);
        }

        value.Append(char.ConvertFromUtf32(codePoint));
    }

    private static int HexValue(int c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}

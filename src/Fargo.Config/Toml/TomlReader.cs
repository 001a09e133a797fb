using System.Globalization;

namespace Fargo.Config.Toml;

/// <summary>
/// A single-pass recursive-descent reader for TOML 1.0. Each instance reads one document. Scanning is
/// by hand (no regular expressions), so the time taken is linear in the size of the text.
/// </summary>
internal sealed partial class TomlReader
{
    private const int EndOfText = -1;

    // Arrays and inline tables nest by recursion; a limit turns a hostile "[[[[…" into an error
    // instead of a stack overflow, which would end the process.
    private const int MaxNesting = 256;

    private readonly string _text;
    private readonly LineMap _lines;
    private readonly TomlDocumentBuilder _document = new();
    private int _pos;
    private int _nesting;

    private TomlReader(string text, int start)
    {
        _text = text;
        _pos = start;
        _lines = new LineMap(text, start);
    }

    /// <summary>Reads the document that starts at <paramref name="start"/> (after any byte order mark).</summary>
    public static TomlTable Read(string text, int start) => new TomlReader(text, start).ReadDocument();

    private TomlTable ReadDocument()
    {
        var current = _document.Root;
        while (true)
        {
            SkipWhitespace();
            var c = Peek();
            if (c == EndOfText)
            {
                break;
            }

            if (c == '#')
            {
                SkipComment();
            }
            else if (c is '\n' or '\r')
            {
                // Handled by ExpectLineEnd below.
            }
            else if (c == '[')
            {
                current = ReadTableHeader();
            }
            else
            {
                ReadKeyValue(current);
            }

            SkipWhitespace();
            if (Peek() == '#')
            {
                SkipComment();
            }

            ExpectLineEnd();
        }

        return (TomlTable)_document.Root.Build();
    }

    private TomlTableNode ReadTableHeader()
    {
        var start = _pos;
        var position = At(start);
        var isArray = Peek(1) == '[';
        _pos += isArray ? 2 : 1;
        SkipWhitespace();
        var key = ReadKey();
        if (isArray)
        {
            if (Peek() != ']' || Peek(1) != ']')
            {
                throw Unexpected("']]' to close the array of tables header");
            }

            _pos += 2;
            return _document.AppendArrayTable(key, position);
        }

        if (Peek() != ']')
        {
            throw Unexpected("']' to close the table header");
        }

        _pos++;
        return _document.DefineTable(key, position);
    }

    private void ReadKeyValue(TomlTableNode table)
    {
        var key = ReadKey();
        if (Peek() != '=')
        {
            throw Unexpected($"'=' after the key '{TomlKeyText.Join(key.Select(k => k.Name))}'");
        }

        _pos++;
        SkipWhitespace();
        var value = ReadValue();
        TomlDocumentBuilder.SetValue(table, key, value);
    }

    /// <summary>A key, possibly dotted; leaves the cursor after any whitespace that follows it.</summary>
    private List<TomlKeyPart> ReadKey()
    {
        var parts = new List<TomlKeyPart>(2);
        while (true)
        {
            if (parts.Count == MaxNesting)
            {
                throw Error($"a key may have at most {MaxNesting} parts", _pos);
            }

            parts.Add(ReadSimpleKey());
            SkipWhitespace();
            if (Peek() != '.')
            {
                return parts;
            }

            _pos++;
            SkipWhitespace();
        }
    }

    private TomlKeyPart ReadSimpleKey()
    {
        var start = _pos;
        var position = At(start);
        var c = Peek();
        if (c == '"')
        {
            if (Peek(1) == '"' && Peek(2) == '"')
            {
                throw Error("a multi-line string cannot be used as a key", start);
            }

            return new TomlKeyPart(ReadBasicString(), position);
        }

        if (c == '\'')
        {
            if (Peek(1) == '\'' && Peek(2) == '\'')
            {
                throw Error("a multi-line string cannot be used as a key", start);
            }

            return new TomlKeyPart(ReadLiteralString(), position);
        }

        var end = start;
        while (end < _text.Length && TomlKeyText.IsBareKeyChar(_text[end]))
        {
            end++;
        }

        if (end == start)
        {
            throw Unexpected("a key (letters, digits, '-', '_', or a quoted string)");
        }

        _pos = end;
        return new TomlKeyPart(_text[start..end], position);
    }

    private TomlValue ReadValue()
    {
        var start = _pos;
        var position = At(start);
        var c = Peek();
        switch (c)
        {
            case '"':
                return new TomlString(Peek(1) == '"' && Peek(2) == '"' ? ReadMultilineBasicString() : ReadBasicString(), position);
            case '\'':
                return new TomlString(Peek(1) == '\'' && Peek(2) == '\'' ? ReadMultilineLiteralString() : ReadLiteralString(), position);
            case '[':
                return ReadArray(position);
            case '{':
                return ReadInlineTable(position);
            case 't':
                return ReadWord("true", new TomlBoolean(true, position));
            case 'f':
                return ReadWord("false", new TomlBoolean(false, position));
            case '+' or '-' or 'i' or 'n' or (>= '0' and <= '9'):
                return ReadNumberOrDateTime(position);
            default:
                throw Unexpected("a value (a string, number, boolean, date-time, array or inline table)");
        }
    }

    private TomlBoolean ReadWord(string word, TomlBoolean value)
    {
        if (string.CompareOrdinal(_text, _pos, word, 0, word.Length) != 0 || IsBareKeyCharAt(_pos + word.Length))
        {
            throw Error($"invalid value: expected '{word}' (booleans are lower-case 'true' or 'false', strings need quotes)", _pos);
        }

        _pos += word.Length;
        return value;
    }

    private TomlArray ReadArray(TomlPosition position)
    {
        var open = _pos;
        EnterNesting(open);
        _pos++;
        var items = new List<TomlValue>();
        while (true)
        {
            SkipWhitespaceCommentsAndNewlines();
            if (Peek() == ']')
            {
                _pos++;
                break;
            }

            if (Peek() == EndOfText)
            {
                throw Error("array is never closed: expected ']'", open);
            }

            items.Add(ReadValue());
            SkipWhitespaceCommentsAndNewlines();
            var c = Peek();
            if (c == ',')
            {
                _pos++;
            }
            else if (c == ']')
            {
                _pos++;
                break;
            }
            else if (c == EndOfText)
            {
                throw Error("array is never closed: expected ']'", open);
            }
            else
            {
                throw Unexpected("',' or ']' after an array element");
            }
        }

        _nesting--;
        return new TomlArray(items, position);
    }

    private TomlTable ReadInlineTable(TomlPosition position)
    {
        var open = _pos;
        EnterNesting(open);
        _pos++;
        var table = new TomlTableNode(TableOrigin.Inline, null, "", position);
        SkipWhitespace();
        if (Peek() == '}')
        {
            _pos++;
            _nesting--;
            return (TomlTable)table.Build();
        }

        while (true)
        {
            ThrowIfInlineTableBroken(open);
            ReadKeyValue(table);
            SkipWhitespace();
            var c = Peek();
            if (c == '}')
            {
                _pos++;
                break;
            }

            ThrowIfInlineTableBroken(open);
            if (c != ',')
            {
                throw Unexpected("',' or '}' in the inline table");
            }

            var comma = _pos++;
            SkipWhitespace();
            if (Peek() == '}')
            {
                throw Error("an inline table cannot end with a trailing comma", comma);
            }
        }

        _nesting--;
        return (TomlTable)table.Build();
    }

    private void ThrowIfInlineTableBroken(int open)
    {
        switch (Peek())
        {
            case EndOfText:
                throw Error("inline table is never closed: expected '}'", open);
            case '\n' or '\r':
                throw Error("an inline table must be written on one line (TOML 1.0)", _pos);
            default:
                return;
        }
    }

    private void EnterNesting(int index)
    {
        if (++_nesting > MaxNesting)
        {
            throw Error($"arrays and inline tables may be nested at most {MaxNesting} deep", index);
        }
    }

    // ---- whitespace, comments, line ends -------------------------------------------------------

    private void SkipWhitespace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t')
        {
            _pos++;
        }
    }

    private void SkipWhitespaceCommentsAndNewlines()
    {
        while (true)
        {
            SkipWhitespace();
            var c = Peek();
            if (c == '#')
            {
                SkipComment();
            }
            else if (c == '\n')
            {
                _pos++;
            }
            else if (c == '\r')
            {
                ExpectLineEnd();
            }
            else
            {
                return;
            }
        }
    }

    /// <summary>From '#' to just before the end of the line; control characters other than tab are not allowed.</summary>
    private void SkipComment()
    {
        _pos++;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c is '\n' or '\r')
            {
                return;
            }

            SkipContentChar("comment");
        }
    }

    private void ExpectLineEnd()
    {
        var c = Peek();
        if (c == EndOfText)
        {
            return;
        }

        if (c == '\n')
        {
            _pos++;
            return;
        }

        if (c == '\r' && Peek(1) == '\n')
        {
            _pos += 2;
            return;
        }

        if (c == '\r')
        {
            throw Error("a carriage return must be followed by a line feed", _pos);
        }

        throw Unexpected("the end of the line (only one key/value pair or header per line; comments start with '#')");
    }

    /// <summary>
    /// Steps over one character of free text (a comment or string body), rejecting what TOML forbids there:
    /// control characters other than tab, and broken UTF-16 (a lone surrogate cannot be valid UTF-8).
    /// </summary>
    private void SkipContentChar(string where)
    {
        var c = _text[_pos];
        if (c < 0x20 && c != '\t' || c == 0x7F)
        {
            throw Error($"control character {DescribeAt(_pos)} is not allowed in a {where}", _pos);
        }

        if (char.IsSurrogate(c))
        {
            if (char.IsHighSurrogate(c) && _pos + 1 < _text.Length && char.IsLowSurrogate(_text[_pos + 1]))
            {
                _pos += 2;
                return;
            }

            throw Error("invalid Unicode: an unpaired surrogate", _pos);
        }

        _pos++;
    }

    // ---- helpers ---------------------------------------------------------------------------

    private int Peek(int ahead = 0)
    {
        var index = _pos + ahead;
        return index < _text.Length ? _text[index] : EndOfText;
    }

    private bool IsBareKeyCharAt(int index) => index < _text.Length && TomlKeyText.IsBareKeyChar(_text[index]);

    private TomlPosition At(int index) => _lines.At(index);

    private TomlException Error(string reason, int index) => new(reason, At(index));

    /// <summary>An error at the cursor that names what was found and what was expected.</summary>
    private TomlException Unexpected(string expected)
    {
        var found = Peek() switch
        {
            EndOfText => "the end of the file",
            '\n' or '\r' => "the end of the line",
            _ => DescribeAt(_pos),
        };
        return Error($"expected {expected}, found {found}", _pos);
    }

    /// <summary>The character at <paramref name="index"/> for a message: quoted, or as U+XXXX when invisible.</summary>
    private string DescribeAt(int index)
    {
        var c = _text[index];
        if (c < 0x20 || c == 0x7F || c == '\uFEFF' || char.IsWhiteSpace(c) && c != ' ' || char.IsLowSurrogate(c))
        {
            return string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
        }

        if (char.IsHighSurrogate(c))
        {
            return index + 1 < _text.Length && char.IsLowSurrogate(_text[index + 1])
                ? $"'{_text.Substring(index, 2)}'"
                : string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");
        }

        return $"'{c}'";
    }
}

namespace Fargo.Config.Toml;

/// <summary>One part of a dotted key as written, with where it was written.</summary>
internal readonly record struct TomlKeyPart(string Name, TomlPosition Position);

/// <summary>How a table came to exist; TOML's redefinition rules depend on it.</summary>
internal enum TableOrigin
{
    Root,

    /// <summary>Created only as the parent of a header such as <c>[a.b]</c> (here <c>a</c>); a later header may define it.</summary>
    Implicit,

    /// <summary>Defined by a <c>[header]</c>.</summary>
    Header,

    /// <summary>Created by a dotted key such as <c>a.b = 1</c>.</summary>
    Dotted,

    /// <summary>An element of an array of tables, created by <c>[[header]]</c>.</summary>
    ArrayElement,

    /// <summary>An inline table under construction; once closed it becomes an immutable value.</summary>
    Inline,
}

/// <summary>A node of the document while it is being read: a table, an array of tables, or a finished value.</summary>
internal abstract class TomlNode
{
    /// <summary>The finished value. Called once, when the whole document has been read.</summary>
    public abstract TomlValue Build();

    /// <summary>What this node is, for error messages.</summary>
    public abstract string Describe();
}

internal sealed class TomlValueNode(TomlValue value) : TomlNode
{
    public TomlValue Value { get; } = value;

    public override TomlValue Build() => Value;

    public override string Describe() => Value switch
    {
        TomlString => "a string",
        TomlInteger => "an integer",
        TomlFloat => "a float",
        TomlBoolean => "a boolean",
        TomlDateTime => "a date-time",
        TomlArray => "an array",
        TomlTable => "an inline table",
        _ => "a value",
    };
}

internal sealed class TomlTableNode(TableOrigin origin, TomlTableNode? parent, string name, TomlPosition position) : TomlNode
{
    private readonly Dictionary<string, TomlNode> _entries = new(StringComparer.Ordinal);
    private readonly List<string> _keys = [];
    private readonly Dictionary<string, TomlPosition> _keyPositions = new(StringComparer.Ordinal);

    public TableOrigin Origin { get; private set; } = origin;

    /// <summary>The dotted path from the root (or from the inline table), for error messages; worked out only when needed.</summary>
    public string Path => parent is null ? "" : parent.ChildPath(name);

    public TomlPosition Position { get; private set; } = position;

    public bool TryGet(string key, out TomlNode node) => _entries.TryGetValue(key, out node!);

    public TomlPosition KeyPosition(string key) => _keyPositions[key];

    public void Add(TomlKeyPart key, TomlNode node)
    {
        _entries.Add(key.Name, node);
        _keys.Add(key.Name);
        _keyPositions.Add(key.Name, key.Position);
    }

    /// <summary>An implicitly created table becomes defined by a header written later.</summary>
    public void DefineByHeader(TomlKeyPart key, TomlPosition headerPosition, TomlTableNode parent)
    {
        Origin = TableOrigin.Header;
        Position = headerPosition;
        parent._keyPositions[key.Name] = key.Position;
    }

    public string ChildPath(string key) => parent is null ? TomlKeyText.Format(key) : $"{Path}.{TomlKeyText.Format(key)}";

    public override TomlValue Build()
    {
        var entries = new Dictionary<string, TomlValue>(_entries.Count, StringComparer.Ordinal);
        foreach (var key in _keys)
        {
            entries.Add(key, _entries[key].Build());
        }

        // The node is finished once built (a document is read once), so the table takes over its lists.
        return new TomlTable(entries, _keys.AsReadOnly(), _keyPositions.AsReadOnly(), Position);
    }

    public override string Describe() => Origin switch
    {
        TableOrigin.Header => "a table defined by a [header]",
        TableOrigin.Dotted => "a table defined by dotted keys",
        TableOrigin.Implicit => "a table created by a [header] below it",
        _ => "a table",
    };
}

internal sealed class TomlTableArrayNode(TomlPosition position) : TomlNode
{
    private readonly List<TomlTableNode> _tables = [];

    public TomlTableNode Last => _tables[^1];

    public void Append(TomlTableNode table) => _tables.Add(table);

    public override TomlValue Build() => new TomlArray(_tables.ConvertAll(t => t.Build()), position);

    public override string Describe() => "an array of tables";
}

/// <summary>
/// Assembles the document and enforces TOML 1.0's rules on defining tables and keys: a table is defined
/// once, inline tables and arrays written as values are closed, and dotted keys may only extend tables
/// that dotted keys created.
/// </summary>
internal sealed class TomlDocumentBuilder
{
    private readonly TomlTableNode _root = new(TableOrigin.Root, null, "", new TomlPosition(1, 1));

    public TomlTableNode Root => _root;

    /// <summary><c>[a.b.c]</c>: defines the table and returns it.</summary>
    public TomlTableNode DefineTable(IReadOnlyList<TomlKeyPart> key, TomlPosition headerPosition)
    {
        var parent = WalkHeaderParents(key);
        var last = key[^1];
        if (!parent.TryGet(last.Name, out var existing))
        {
            var table = new TomlTableNode(TableOrigin.Header, parent, last.Name, headerPosition);
            parent.Add(last, table);
            return table;
        }

        var path = parent.ChildPath(last.Name);
        var firstAt = parent.KeyPosition(last.Name);
        switch (existing)
        {
            case TomlTableNode { Origin: TableOrigin.Implicit } table:
                table.DefineByHeader(last, headerPosition, parent);
                return table;
            case TomlTableNode { Origin: TableOrigin.Header }:
                throw new TomlException($"table [{path}] is defined more than once (first at {firstAt})", last.Position);
            default:
                throw new TomlException($"cannot define table [{path}]: '{path}' is already {existing.Describe()} (at {firstAt})", last.Position);
        }
    }

    /// <summary><c>[[a.b.c]]</c>: appends a new table to the array of tables and returns it.</summary>
    public TomlTableNode AppendArrayTable(IReadOnlyList<TomlKeyPart> key, TomlPosition headerPosition)
    {
        var parent = WalkHeaderParents(key);
        var last = key[^1];
        var table = new TomlTableNode(TableOrigin.ArrayElement, parent, last.Name, headerPosition);
        if (!parent.TryGet(last.Name, out var existing))
        {
            var array = new TomlTableArrayNode(headerPosition);
            array.Append(table);
            parent.Add(last, array);
            return table;
        }

        if (existing is TomlTableArrayNode tables)
        {
            tables.Append(table);
            return table;
        }

        var path = parent.ChildPath(last.Name);
        throw new TomlException(
            $"cannot append to array of tables [[{path}]]: '{path}' is already {existing.Describe()} (at {parent.KeyPosition(last.Name)})",
            last.Position);
    }

    /// <summary><c>a.b.c = value</c> inside <paramref name="table"/>.</summary>
    public static void SetValue(TomlTableNode table, IReadOnlyList<TomlKeyPart> key, TomlValue value)
    {
        for (var i = 0; i < key.Count - 1; i++)
        {
            var part = key[i];
            if (!table.TryGet(part.Name, out var existing))
            {
                var child = new TomlTableNode(TableOrigin.Dotted, table, part.Name, part.Position);
                table.Add(part, child);
                table = child;
                continue;
            }

            if (existing is TomlTableNode { Origin: TableOrigin.Dotted } dotted)
            {
                table = dotted;
                continue;
            }

            var path = table.ChildPath(part.Name);
            throw new TomlException(
                $"cannot use dotted key to add to '{path}': it is already {existing.Describe()} (at {table.KeyPosition(part.Name)})",
                part.Position);
        }

        var last = key[^1];
        if (table.TryGet(last.Name, out _))
        {
            throw new TomlException(
                $"key '{table.ChildPath(last.Name)}' is defined more than once (first at {table.KeyPosition(last.Name)})",
                last.Position);
        }

        table.Add(last, new TomlValueNode(value));
    }

    /// <summary>Walks to the table that will hold the last part of a header's key, creating implicit tables.</summary>
    private TomlTableNode WalkHeaderParents(IReadOnlyList<TomlKeyPart> key)
    {
        var table = _root;
        for (var i = 0; i < key.Count - 1; i++)
        {
            var part = key[i];
            if (!table.TryGet(part.Name, out var existing))
            {
                var child = new TomlTableNode(TableOrigin.Implicit, table, part.Name, part.Position);
                table.Add(part, child);
                table = child;
                continue;
            }

            switch (existing)
            {
                case TomlTableNode child:
                    table = child;
                    break;
                case TomlTableArrayNode array:
                    // "[[a]] ... [a.b]": b belongs to the most recently defined element of a.
                    table = array.Last;
                    break;
                default:
                    var path = table.ChildPath(part.Name);
                    throw new TomlException(
                        $"cannot define a table under '{path}': it is already {existing.Describe()} (at {table.KeyPosition(part.Name)})",
                        part.Position);
            }
        }

        return table;
    }
}

using Fargo.Config.Toml;

namespace Fargo.Config.Validation;

/// <summary>
/// Where a value was written: its key path as the user wrote it ("environments.prod.scaling.min") and its
/// position. Environment is set when the value is an environment's override.
/// </summary>
internal sealed record Origin(string KeyPath, TomlPosition Position, string? Environment = null)
{
    public bool IsOverride => Environment is not null;
}

/// <summary>A checked value of the file, with where it came from; tables merge node by node.</summary>
internal abstract class Node(Origin origin)
{
    public Origin Origin { get; } = origin;
}

/// <summary>A value that passed its own checks (type, range, format).</summary>
internal sealed class ValueNode(TomlValue value, Origin origin) : Node(origin)
{
    public TomlValue Value { get; } = value;
}

/// <summary>A value that was written but rejected; checks that depend on it stay silent rather than guess.</summary>
internal sealed class RejectedNode(Origin origin) : Node(origin);

internal sealed class TableNode(Origin origin) : Node(origin)
{
    public Dictionary<string, Node> Entries { get; } = new(StringComparer.Ordinal);

    public TableNode Copy()
    {
        var copy = new TableNode(Origin);
        foreach (var (key, node) in Entries)
        {
            copy.Entries[key] = node is TableNode table ? table.Copy() : node;
        }

        return copy;
    }
}

using Fargo.Config.Toml;

namespace Fargo.Config.Validation;

/// <summary>
/// A value read from a merged table: written (with its origin), absent (the default applies), or rejected
/// (already reported; checks that need it are skipped).
/// </summary>
internal readonly record struct Field<T>(bool IsWritten, T Value, Origin? Origin, bool IsRejected)
{
    public T Or(T fallback) => IsWritten ? Value : fallback;
}

internal static class Fields
{
    public static TableNode? Table(TableNode? parent, string key) => parent?.Entries.GetValueOrDefault(key) as TableNode;

    public static Field<string> String(TableNode? table, string key) => Read(table, key, v => ((TomlString)v).Value);

    public static Field<long> Integer(TableNode? table, string key) => Read(table, key, v => ((TomlInteger)v).Value);

    public static Field<bool> Boolean(TableNode? table, string key) => Read(table, key, v => ((TomlBoolean)v).Value);

    /// <summary>An array of strings, each with where it was written.</summary>
    public static Field<IReadOnlyList<(string Value, TomlPosition Position)>> Strings(TableNode? table, string key) =>
        Read<IReadOnlyList<(string, TomlPosition)>>(table, key, v => [.. ((TomlArray)v).Items.Select(i => (((TomlString)i).Value, i.Position))]);

    /// <summary>A string or an array of strings (a command or a list of commands), as a list either way.</summary>
    public static Field<IReadOnlyList<(string Value, TomlPosition Position)>> StringOrStrings(TableNode? table, string key) =>
        Read<IReadOnlyList<(string, TomlPosition)>>(table, key, v => v is TomlString text
            ? [(text.Value, text.Position)]
            : [.. ((TomlArray)v).Items.Select(i => (((TomlString)i).Value, i.Position))]);

    public static Field<TimeSpan> Duration(TableNode? table, string key) => Read(table, key, v => Durations.Parse(((TomlString)v).Value));

    /// <summary>The entries of a string map that passed their checks, and whether any entry was rejected.</summary>
    public static (IReadOnlyDictionary<string, (string Value, Origin Origin)> Entries, bool AnyRejected) Map(TableNode? parent, string key)
    {
        var entries = new SortedDictionary<string, (string, Origin)>(StringComparer.Ordinal);
        var anyRejected = parent?.Entries.GetValueOrDefault(key) is RejectedNode;
        foreach (var (name, node) in Table(parent, key)?.Entries ?? [])
        {
            if (node is ValueNode { Value: TomlString text })
            {
                entries[name] = (text.Value, node.Origin);
            }
            else
            {
                anyRejected = true;
            }
        }

        return (entries, anyRejected);
    }

    private static Field<T> Read<T>(TableNode? table, string key, Func<TomlValue, T> convert) =>
        table?.Entries.GetValueOrDefault(key) switch
        {
            ValueNode value => new Field<T>(true, convert(value.Value), value.Origin, false),
            RejectedNode rejected => new Field<T>(false, default!, rejected.Origin, true),
            _ => new Field<T>(false, default!, null, false),
        };
}

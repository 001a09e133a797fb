namespace Fargo.Config.Toml;

/// <summary>Where something stands in a TOML source: 1-based line and column.</summary>
public readonly record struct TomlPosition(int Line, int Column)
{
    public override string ToString() => $"{Line}:{Column}";
}

/// <summary>A decoded TOML value, with the position where it was written so errors can point at it.</summary>
public abstract record TomlValue(TomlPosition Position);

public sealed record TomlString(string Value, TomlPosition Position) : TomlValue(Position);

public sealed record TomlInteger(long Value, TomlPosition Position) : TomlValue(Position);

public sealed record TomlFloat(double Value, TomlPosition Position) : TomlValue(Position);

public sealed record TomlBoolean(bool Value, TomlPosition Position) : TomlValue(Position);

/// <summary>
/// Any of TOML's four date-time kinds. <see cref="Text"/> is the value normalised to RFC 3339 form
/// (a space separator becomes 'T', a lower-case 'z' becomes 'Z'), which is what toml-test compares.
/// </summary>
public sealed record TomlDateTime(TomlDateTimeKind Kind, string Text, TomlPosition Position) : TomlValue(Position);

public enum TomlDateTimeKind
{
    OffsetDateTime,
    LocalDateTime,
    LocalDate,
    LocalTime,
}

public sealed record TomlArray(IReadOnlyList<TomlValue> Items, TomlPosition Position) : TomlValue(Position);

/// <summary>
/// A table: keys in the order they were first written. <see cref="KeyPositions"/> holds where each key
/// was written (for a table defined by a header, the header's key), so errors about a key point at it.
/// </summary>
public sealed record TomlTable(
    IReadOnlyDictionary<string, TomlValue> Entries,
    IReadOnlyList<string> Keys,
    IReadOnlyDictionary<string, TomlPosition> KeyPositions,
    TomlPosition Position) : TomlValue(Position);

/// <summary>The text is not valid TOML 1.0. Line and column are 1-based.</summary>
public sealed class TomlException(string message, TomlPosition position)
    : Exception($"{position.Line}:{position.Column}: {message}")
{
    public string Reason { get; } = message;

    public TomlPosition Position { get; } = position;
}

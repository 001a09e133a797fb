namespace Fargo.Config.Schema;

/// <summary>Which of the two file formats a key belongs to.</summary>
public enum ConfigFormat
{
    /// <summary>The fargo.toml of DESIGN.md: name, port, tables and environments.</summary>
    Full,

    /// <summary>The flat file of existing deploy scripts: one existing cluster and service.</summary>
    Flat,
}

[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The members name TOML's value types, which is what they are.")]
public enum ConfigValueType
{
    String,
    Integer,
    Boolean,

    /// <summary>A string such as "30s", "5m", "1h30m" (see <see cref="Durations"/>).</summary>
    Duration,

    Table,

    /// <summary>A table whose keys are environment variable names and whose values are strings.</summary>
    StringMap,

    /// <summary>An array of strings, each checked by the key's rule (e.g. the stages of [pipeline]).</summary>
    StringArray,

    /// <summary>A table of tables, one per name (the statements of [permissions], named by their Sid).</summary>
    NamedTables,

    /// <summary>A command line, or an array of them (each checked by the key's rule).</summary>
    Commands,

    /// <summary>An IAM policy condition: operators, each a table of condition keys to a string or an array of strings.</summary>
    Conditions,
}

/// <summary>
/// One key of fargo.toml. Path is dotted; "&lt;NAME&gt;" stands for any environment variable name (the entries
/// of [env] and [secrets]), "&lt;env&gt;" for any environment name and "&lt;key&gt;" for any overridable key.
/// Default is how the default reads in the reference (null: no default, the key is optional or required).
/// Minimum and Maximum bound integers, and durations in seconds. Constraint describes any further rule.
/// </summary>
public sealed record ConfigKey(string Path, ConfigFormat Format, ConfigValueType Type, string? Default, string Description)
{
    public bool Required { get; init; }

    public IReadOnlyList<string> AllowedValues { get; init; } = [];

    public long? Minimum { get; init; }

    public long? Maximum { get; init; }

    public string? Constraint { get; init; }

    /// <summary>A line a user could write for this key, e.g. <c>port = 8080</c>; suggested when the key is missing.</summary>
    public string? Example { get; init; }

    /// <summary>The rule that checks a string value beyond its type (an account id, a region…).</summary>
    internal ValueRule Rule { get; init; }

    /// <summary>The type as the reference and the error messages name it.</summary>
    public string TypeName => Type switch
    {
        ConfigValueType.String => "string",
        ConfigValueType.Integer => "integer",
        ConfigValueType.Boolean => "boolean",
        ConfigValueType.Duration => "duration",
        ConfigValueType.Table => "table",
        ConfigValueType.StringMap => "table of strings",
        ConfigValueType.StringArray => "array of strings",
        ConfigValueType.NamedTables => "table of tables",
        ConfigValueType.Conditions => "table of IAM conditions",
        ConfigValueType.Commands => "string or array of strings",
        _ => throw new InvalidOperationException($"unknown type {Type}"),
    };

    /// <summary>The last segment of the path: the key as written in its table.</summary>
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>The path of the table holding this key ("" at the top level).</summary>
    public string Parent => Path.LastIndexOf('.') is var dot and >= 0 ? Path[..dot] : "";
}

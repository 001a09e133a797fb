using System.Globalization;

namespace Fargo.Aws.Protocols;

/// <summary>
/// The parameters of an incoming Query request, read with the protocol's conventions (the inverse of
/// <see cref="AwsQueryParametersBuilder"/>): members "Prefix.Name", lists "Name.member.N", maps "Name.entry.N.key/value".
/// </summary>
public sealed class AwsQueryParameters
{
    private readonly Dictionary<string, string> _values;

    public AwsQueryParameters(IEnumerable<KeyValuePair<string, string>> parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        // A repeated name keeps its last value, as AWS's front ends do.
        _values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in parameters)
        {
            _values[name] = value;
        }
    }

    public IReadOnlyDictionary<string, string> All => _values;

    public bool Contains(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.TryGetValue(name, out var value) ? value : null;

    /// <summary>A boolean; throws <see cref="FormatException"/> for anything but true/false (the server answers ValidationError).</summary>
    public bool? GetBoolean(string name) => Get(name) switch
    {
        null => null,
        var text when text.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var text when text.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        var text => throw new FormatException($"{name}: '{text}' is not a boolean."),
    };

    public int? GetInt32(string name) => Get(name) is { } text
        ? int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"{name}: '{text}' is not an integer.")
        : null;

    public long? GetInt64(string name) => Get(name) is { } text
        ? long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new FormatException($"{name}: '{text}' is not an integer.")
        : null;

    /// <summary>
    /// The prefixes of a list's items ("Name.member.1", "Name.member.2", …) in order, stopping at the first gap;
    /// empty for an empty list ("Name=") and null when the list was not sent at all.
    /// </summary>
    public IReadOnlyList<string>? GetListItemPrefixes(string name, string memberName = "member")
    {
        var items = new List<string>();
        for (var index = 1; ; index++)
        {
            var prefix = $"{name}.{memberName}.{index}";
            if (!_values.ContainsKey(prefix) && !HasChildren(prefix))
            {
                break;
            }
            items.Add(prefix);
        }
        return items.Count > 0 || _values.ContainsKey(name) ? items : null;
    }

    /// <summary>A list of strings, or null when not sent.</summary>
    public IReadOnlyList<string>? GetStringList(string name, string memberName = "member") =>
        GetListItemPrefixes(name, memberName)?.Select(prefix => Get(prefix) ?? "").ToList();

    /// <summary>A map of strings ("Name.entry.N.key/value"), or null when not sent.</summary>
    public IReadOnlyDictionary<string, string>? GetStringMap(string name, string keyName = "key", string valueName = "value")
    {
        var entries = GetListItemPrefixes(name, "entry");
        if (entries is null)
        {
            return null;
        }
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in entries)
        {
            if (Get($"{entry}.{keyName}") is { } key)
            {
                map[key] = Get($"{entry}.{valueName}") ?? "";
            }
        }
        return map;
    }

    /// <summary>Whether any parameter is nested under <paramref name="prefix"/> ("prefix.…").</summary>
    public bool HasChildren(string prefix) =>
        _values.Keys.Any(key => key.Length > prefix.Length && key[prefix.Length] == '.' && key.StartsWith(prefix, StringComparison.Ordinal));
}

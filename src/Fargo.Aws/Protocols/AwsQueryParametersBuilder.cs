using System.Globalization;

namespace Fargo.Aws.Protocols;

/// <summary>
/// Builds the parameters of a Query request with the protocol's conventions, as AWS's SDKs serialize them:
/// <list type="bullet">
/// <item>nested members: <c>Prefix.Member</c>;</item>
/// <item>lists: <c>Name.member.1</c>, <c>Name.member.2</c>, … (1-based); an empty list is sent as <c>Name=</c>;</item>
/// <item>lists of structures: <c>Name.member.N.Field</c> — ELBv2's attributes are such a list (<c>Attributes.member.N.Key</c>, <c>.Value</c>);</item>
/// <item>maps: <c>Name.entry.N.key</c> and <c>Name.entry.N.value</c> (CloudFormation's, SNS's);</item>
/// <item>booleans "true"/"false", numbers in invariant culture, timestamps ISO 8601 UTC.</item>
/// </list>
/// Null values are left out. The other layers build a typed shape's parameters on top of this.
/// </summary>
public sealed class AwsQueryParametersBuilder
{
    private readonly List<KeyValuePair<string, string>> _parameters = [];

    public IReadOnlyList<KeyValuePair<string, string>> Build() => _parameters.ToList();

    /// <summary>The name of a member under a prefix: "Prefix.Name", or "Name" at the top.</summary>
    public static string Member(string prefix, string name) => string.IsNullOrEmpty(prefix) ? name : prefix + "." + name;

    public AwsQueryParametersBuilder Add(string name, string? value)
    {
        if (value is not null)
        {
            _parameters.Add(new(name, value));
        }
        return this;
    }

    public AwsQueryParametersBuilder Add(string name, bool? value) => Add(name, value is null ? null : value.Value ? "true" : "false");

    public AwsQueryParametersBuilder Add(string name, int? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public AwsQueryParametersBuilder Add(string name, long? value) => Add(name, value?.ToString(CultureInfo.InvariantCulture));

    public AwsQueryParametersBuilder Add(string name, double? value) => Add(name, value?.ToString("R", CultureInfo.InvariantCulture));

    public AwsQueryParametersBuilder Add(string name, DateTimeOffset? value) => Add(name, value is null ? null : FormatTimestamp(value.Value));

    /// <summary>A list: each item is written under "Name.member.N" by <paramref name="addItem"/>, given that prefix.</summary>
    public AwsQueryParametersBuilder AddList<T>(string name, IEnumerable<T>? items, Action<AwsQueryParametersBuilder, string, T> addItem, string memberName = "member")
    {
        ArgumentNullException.ThrowIfNull(addItem);
        if (items is null)
        {
            return this;
        }
        var index = 0;
        foreach (var item in items)
        {
            index++;
            addItem(this, $"{name}.{memberName}.{index}", item);
        }
        if (index == 0)
        {
            _parameters.Add(new(name, ""));
        }
        return this;
    }

    /// <summary>A list of strings: "Name.member.N=value".</summary>
    public AwsQueryParametersBuilder AddList(string name, IEnumerable<string>? items) =>
        AddList(name, items, static (builder, prefix, item) => builder.Add(prefix, item));

    /// <summary>A map: "Name.entry.N.key" and, written by <paramref name="addValue"/>, "Name.entry.N.value".</summary>
    public AwsQueryParametersBuilder AddMap<TValue>(
        string name, IEnumerable<KeyValuePair<string, TValue>>? map, Action<AwsQueryParametersBuilder, string, TValue> addValue,
        string keyName = "key", string valueName = "value")
    {
        ArgumentNullException.ThrowIfNull(addValue);
        if (map is null)
        {
            return this;
        }
        var index = 0;
        foreach (var (key, value) in map)
        {
            index++;
            var entry = $"{name}.entry.{index}";
            Add($"{entry}.{keyName}", key);
            addValue(this, $"{entry}.{valueName}", value);
        }
        return this;
    }

    /// <summary>A map of strings.</summary>
    public AwsQueryParametersBuilder AddMap(string name, IEnumerable<KeyValuePair<string, string>>? map) =>
        AddMap(name, map, static (builder, prefix, value) => builder.Add(prefix, value));

    /// <summary>ISO 8601 in UTC, with microseconds only when there are any (as the AWS SDKs send timestamps in Query requests).</summary>
    public static string FormatTimestamp(DateTimeOffset value)
    {
        var utc = value.UtcDateTime;
        var format = utc.Ticks % TimeSpan.TicksPerSecond / 10 == 0 ? "yyyy-MM-dd'T'HH:mm:ss'Z'" : "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
        return utc.ToString(format, CultureInfo.InvariantCulture);
    }
}

using System.Globalization;
using System.Xml.Linq;

namespace Fargo.Aws.Protocols;

/// <summary>
/// Reading and writing the XML of Query responses, with the protocol's conventions: a member is a child element
/// named after it; a list is <c>&lt;Name&gt;&lt;member&gt;…&lt;/member&gt;…&lt;/Name&gt;</c>; a map is
/// <c>&lt;Name&gt;&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;&lt;/entry&gt;…&lt;/Name&gt;</c>; timestamps are ISO 8601.
/// Reading goes by local name, so it works whatever the service's namespace. Writing makes namespace-less
/// elements; <see cref="AwsQueryServerProtocol"/> puts them in the service's namespace.
/// </summary>
public static class AwsQueryXml
{
    // ---- reading ----

    public static XElement? Child(this XElement parent, string name)
    {
        ArgumentNullException.ThrowIfNull(parent);
        return parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);
    }

    public static string? ChildText(this XElement parent, string name) => parent.Child(name)?.Value;

    public static bool? ChildBoolean(this XElement parent, string name) => parent.ChildText(name) switch
    {
        null => null,
        var text => bool.Parse(text.Trim()),
    };

    public static int? ChildInt32(this XElement parent, string name) =>
        parent.ChildText(name) is { } text ? int.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    public static long? ChildInt64(this XElement parent, string name) =>
        parent.ChildText(name) is { } text ? long.Parse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture) : null;

    public static double? ChildDouble(this XElement parent, string name) =>
        parent.ChildText(name) is { } text ? double.Parse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture) : null;

    public static DateTimeOffset? ChildTimestamp(this XElement parent, string name) =>
        parent.ChildText(name) is { } text
            ? DateTimeOffset.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal)
            : null;

    /// <summary>The items of a list member (the &lt;member&gt; children of &lt;Name&gt;); null when the list element is absent.</summary>
    public static IReadOnlyList<XElement>? ListItems(this XElement parent, string name, string memberName = "member") =>
        parent.Child(name)?.Elements().Where(e => e.Name.LocalName == memberName).ToList();

    /// <summary>A list of strings; null when the list element is absent.</summary>
    public static IReadOnlyList<string>? StringList(this XElement parent, string name, string memberName = "member") =>
        parent.ListItems(name, memberName)?.Select(e => e.Value).ToList();

    /// <summary>A map of strings; null when the map element is absent.</summary>
    public static IReadOnlyDictionary<string, string>? StringMap(this XElement parent, string name, string keyName = "key", string valueName = "value") =>
        parent.ListItems(name, "entry")?.ToDictionary(e => e.ChildText(keyName) ?? "", e => e.ChildText(valueName) ?? "", StringComparer.Ordinal);

    // ---- writing ----

    /// <summary>
    /// An element for a member; null content (or an all-null list) leaves the member out, as AWS does, by returning null.
    /// Values are formatted as AWS formats them: booleans "true"/"false", numbers invariant, timestamps ISO 8601 with milliseconds.
    /// </summary>
    public static XElement? Element(string name, object? value) => value switch
    {
        null => null,
        string text => new XElement(name, text),
        bool flag => new XElement(name, flag ? "true" : "false"),
        DateTimeOffset time => new XElement(name, FormatTimestamp(time)),
        DateTime time => new XElement(name, FormatTimestamp(new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)))),
        IFormattable number => new XElement(name, number.ToString(null, CultureInfo.InvariantCulture)),
        XElement element => new XElement(name, element.Nodes()),
        IEnumerable<XElement?> children => new XElement(name, children.OfType<XElement>()),
        _ => new XElement(name, value.ToString()),
    };

    /// <summary>A structure member: &lt;Name&gt; with the given child members (nulls skipped).</summary>
    public static XElement Structure(string name, params IEnumerable<XElement?> members) => new(name, members.OfType<XElement>());

    /// <summary>A list member: &lt;Name&gt;&lt;member&gt;…&lt;/member&gt;…&lt;/Name&gt;, each item's content written by <paramref name="item"/>.</summary>
    public static XElement List<T>(string name, IEnumerable<T> items, Func<T, object?> item, string memberName = "member")
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(item);
        return new XElement(name, items.Select(i => Element(memberName, item(i)) ?? new XElement(memberName)));
    }

    /// <summary>A list of strings.</summary>
    public static XElement StringList(string name, IEnumerable<string> items) => List(name, items, static s => s);

    /// <summary>A map of strings: &lt;Name&gt;&lt;entry&gt;&lt;key&gt;…&lt;/key&gt;&lt;value&gt;…&lt;/value&gt;&lt;/entry&gt;…&lt;/Name&gt;.</summary>
    public static XElement StringMap(string name, IEnumerable<KeyValuePair<string, string>> map) =>
        new(name, map.Select(pair => new XElement("entry", new XElement("key", pair.Key), new XElement("value", pair.Value))));

    /// <summary>ISO 8601 in UTC with milliseconds, as Query services write timestamps ("2016-09-08T20:27:38.960Z").</summary>
    public static string FormatTimestamp(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Puts every namespace-less element of <paramref name="element"/> (itself included) into <paramref name="ns"/>.</summary>
    public static XElement WithNamespace(XElement element, XNamespace ns)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(ns);
        var copy = new XElement(element);
        foreach (var e in copy.DescendantsAndSelf())
        {
            if (e.Name.Namespace == XNamespace.None)
            {
                e.Name = ns + e.Name.LocalName;
            }
        }
        return copy;
    }
}

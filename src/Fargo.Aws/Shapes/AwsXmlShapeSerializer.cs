using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using System.Xml.Linq;

namespace Fargo.Aws.Shapes;

/// <summary>
/// Response records to and from the XML of awsQuery services, following the model's conventions: a structure
/// member is a child element named as the member, a list is <c>&lt;member&gt;</c> children, a map is
/// <c>&lt;entry&gt;&lt;key/&gt;&lt;value/&gt;&lt;/entry&gt;</c> children, timestamps ISO 8601. Elements are matched by
/// local name, so the service's xmlns does not matter when reading. Driven by the record's source-generated
/// JSON metadata, like <see cref="AwsQuerySerializer"/>.
/// </summary>
public static class AwsXmlShapeSerializer
{
    /// <summary>Reads a record from its element, e.g. the <c>&lt;DescribeStacksResult&gt;</c> of a response.</summary>
    public static T Read<T>(XElement element, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var node = ToJson(element, typeInfo, element.Name.LocalName) ?? new JsonObject();
        try
        {
            return node.Deserialize(typeInfo)!;
        }
        catch (JsonException e)
        {
            throw new AwsShapeFormatException(element.Name.LocalName, e.Message, e);
        }
    }

    /// <summary>Writes a record as the element <paramref name="name"/>, its members in the record's order (server side).</summary>
    public static XElement Write<T>(T value, JsonTypeInfo<T> typeInfo, XName name)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        ArgumentNullException.ThrowIfNull(name);
        var element = new XElement(name);
        FromJson(JsonSerializer.SerializeToElement(value, typeInfo), typeInfo, element);
        return element;
    }

    private static JsonNode? ToJson(XElement element, JsonTypeInfo info, string path)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                var structure = new JsonObject();
                foreach (var property in info.Properties)
                {
                    var child = Child(element, property.Name);
                    if (child is not null)
                    {
                        var member = ToJson(child, info.Options.GetTypeInfo(property.PropertyType), path + "." + property.Name);
                        if (member is not null)
                        {
                            structure[property.Name] = member;
                        }
                    }
                }
                return structure;
            case JsonTypeInfoKind.Enumerable:
                var itemInfo = info.Options.GetTypeInfo(info.ElementType!);
                var list = new JsonArray();
                var index = 0;
                foreach (var item in element.Elements().Where(e => e.Name.LocalName == "member"))
                {
                    list.Add(ToJson(item, itemInfo, $"{path}.member.{++index}"));
                }
                return list;
            case JsonTypeInfoKind.Dictionary:
                var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
                var map = new JsonObject();
                foreach (var entry in element.Elements().Where(e => e.Name.LocalName == "entry"))
                {
                    var key = Child(entry, "key")?.Value
                        ?? throw new AwsShapeFormatException(path + ".entry", "an entry has no key.");
                    var mapValue = Child(entry, "value");
                    map[key] = mapValue is null ? null : ToJson(mapValue, valueInfo, $"{path}.{key}");
                }
                return map;
            default:
                var text = element.Value;
                // An empty element for a number or boolean carries no value; for a string it is the empty string.
                return text.Length == 0 && info.Type != typeof(string) ? null : ShapeScalars.FromText(info.Type, text, path);
        }
    }

    private static void FromJson(JsonElement value, JsonTypeInfo info, XElement target)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    if (value.TryGetProperty(property.Name, out var member) && member.ValueKind != JsonValueKind.Null)
                    {
                        var child = new XElement(target.Name.Namespace + property.Name);
                        FromJson(member, info.Options.GetTypeInfo(property.PropertyType), child);
                        target.Add(child);
                    }
                }
                break;
            case JsonTypeInfoKind.Enumerable:
                var itemInfo = info.Options.GetTypeInfo(info.ElementType!);
                foreach (var item in value.EnumerateArray())
                {
                    var member = new XElement(target.Name.Namespace + "member");
                    FromJson(item, itemInfo, member);
                    target.Add(member);
                }
                break;
            case JsonTypeInfoKind.Dictionary:
                var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
                foreach (var pair in value.EnumerateObject())
                {
                    var mapValue = new XElement(target.Name.Namespace + "value");
                    FromJson(pair.Value, valueInfo, mapValue);
                    target.Add(new XElement(target.Name.Namespace + "entry", new XElement(target.Name.Namespace + "key", pair.Name), mapValue));
                }
                break;
            default:
                target.Value = ShapeScalars.ToText(info.Type, value);
                break;
        }
    }

    private static XElement? Child(XElement parent, string localName) =>
        parent.Elements().FirstOrDefault(e => e.Name.LocalName == localName);
}

using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Fargo.Aws.Shapes;

/// <summary>
/// Request records to awsQuery parameters and back, following the model's conventions: a structure member is
/// <c>Prefix.Member</c>, a list item <c>Prefix.member.N</c> (from 1; an empty list is the bare name with an
/// empty value), a map entry <c>Prefix.entry.N.key</c> / <c>.value</c>, booleans <c>true</c>/<c>false</c>,
/// timestamps ISO 8601. The shape comes from the record's source-generated JSON metadata (whose property names
/// are the model's member names), so this works unchanged under trimming and NativeAOT.
/// Action and Version are the protocol client's to add.
/// </summary>
public static class AwsQuerySerializer
{
    public static IReadOnlyList<KeyValuePair<string, string>> Serialize<T>(T request, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(typeInfo);
        var parameters = new List<KeyValuePair<string, string>>();
        var element = JsonSerializer.SerializeToElement(request, typeInfo);
        Write(element, typeInfo, "", parameters);
        return parameters;
    }

    /// <summary>The record that a set of Query parameters carries (server side). Unknown parameters are ignored.</summary>
    public static T Deserialize<T>(IEnumerable<KeyValuePair<string, string>> parameters, JsonTypeInfo<T> typeInfo)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        ArgumentNullException.ThrowIfNull(typeInfo);
        var byName = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in parameters)
        {
            byName[key] = value;
        }

        var prefixes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in byName.Keys)
        {
            for (var dot = key.IndexOf('.', StringComparison.Ordinal); dot > 0; dot = key.IndexOf('.', dot + 1))
            {
                prefixes.Add(key[..dot]);
            }
        }

        var node = Read(new ParameterSet(byName, prefixes), typeInfo, "") ?? new JsonObject();
        try
        {
            return node.Deserialize(typeInfo)!;
        }
        catch (JsonException e)
        {
            throw new AwsShapeFormatException(typeInfo.Type.Name, e.Message, e);
        }
    }

    private static void Write(JsonElement value, JsonTypeInfo info, string prefix, List<KeyValuePair<string, string>> output)
    {
        if (value.ValueKind == JsonValueKind.Null)
        {
            return;
        }

        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    if (value.TryGetProperty(property.Name, out var member))
                    {
                        Write(member, info.Options.GetTypeInfo(property.PropertyType), Join(prefix, property.Name), output);
                    }
                }
                break;
            case JsonTypeInfoKind.Enumerable:
                if (value.GetArrayLength() == 0)
                {
                    output.Add(new(prefix, ""));
                    break;
                }
                var itemInfo = info.Options.GetTypeInfo(info.ElementType!);
                var index = 0;
                foreach (var item in value.EnumerateArray())
                {
                    Write(item, itemInfo, $"{prefix}.member.{++index}", output);
                }
                break;
            case JsonTypeInfoKind.Dictionary:
                var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
                var entry = 0;
                foreach (var pair in value.EnumerateObject())
                {
                    entry++;
                    output.Add(new($"{prefix}.entry.{entry}.key", pair.Name));
                    Write(pair.Value, valueInfo, $"{prefix}.entry.{entry}.value", output);
                }
                break;
            default:
                output.Add(new(prefix, ShapeScalars.ToText(info.Type, value)));
                break;
        }
    }

    private static JsonNode? Read(ParameterSet parameters, JsonTypeInfo info, string prefix)
    {
        switch (info.Kind)
        {
            case JsonTypeInfoKind.Object:
                JsonObject? structure = null;
                foreach (var property in info.Properties)
                {
                    var member = Read(parameters, info.Options.GetTypeInfo(property.PropertyType), Join(prefix, property.Name));
                    if (member is not null)
                    {
                        (structure ??= [])[property.Name] = member;
                    }
                }
                return structure;
            case JsonTypeInfoKind.Enumerable:
                if (parameters.Values.TryGetValue(prefix, out var bare) && bare.Length == 0)
                {
                    return new JsonArray();
                }
                if (!parameters.Prefixes.Contains(prefix + ".member"))
                {
                    return null;
                }
                var itemInfo = info.Options.GetTypeInfo(info.ElementType!);
                var list = new JsonArray();
                for (var i = 1; ; i++)
                {
                    var item = Read(parameters, itemInfo, $"{prefix}.member.{i}");
                    if (item is null)
                    {
                        break;
                    }
                    list.Add(item);
                }
                return list;
            case JsonTypeInfoKind.Dictionary:
                if (!parameters.Prefixes.Contains(prefix + ".entry"))
                {
                    return null;
                }
                var valueInfo = info.Options.GetTypeInfo(info.ElementType!);
                var map = new JsonObject();
                for (var i = 1; parameters.Values.TryGetValue($"{prefix}.entry.{i}.key", out var key); i++)
                {
                    map[key] = Read(parameters, valueInfo, $"{prefix}.entry.{i}.value");
                }
                return map;
            default:
                return parameters.Values.TryGetValue(prefix, out var text) ? ShapeScalars.FromText(info.Type, text, prefix) : null;
        }
    }

    private static string Join(string prefix, string name) => prefix.Length == 0 ? name : prefix + "." + name;

    private sealed record ParameterSet(Dictionary<string, string> Values, HashSet<string> Prefixes);
}

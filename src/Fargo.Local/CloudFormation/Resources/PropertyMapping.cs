using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;

namespace Fargo.Local.CloudFormation.Resources;

/// <summary>
/// Turns a resource's CloudFormation properties into a service's typed request. CloudFormation's schemas name
/// members as the APIs do, in PascalCase; the JSON APIs (ECS) use camelCase, so keys are re-cased, except the
/// keys of free-form maps (log driver options, docker labels), which are data.
/// </summary>
internal static class PropertyMapping
{
    /// <summary>A resource's Tags property ([{Key, Value}]) as key-value pairs, or null when it has none.</summary>
    public static List<KeyValuePair<string, string>>? KeyValueTags(JsonObject properties) =>
        (properties["Tags"] as JsonArray)?.Select(t => new KeyValuePair<string, string>(t?["Key"]?.ToString() ?? "", Template.TemplateEvaluator.Text(t?["Value"]) ?? "")).ToList();

    private static readonly HashSet<string> MapProperties = new(StringComparer.Ordinal) { "Options", "DockerLabels", "SystemControls", "DriverOpts", "Labels" };

    public static T ToRequest<T>(JsonObject properties, JsonTypeInfo<T> type, bool camelCase, params (string Name, JsonNode? Value)[] extra)
    {
        var node = camelCase ? Camel(properties) : properties.DeepClone();
        var obj = (JsonObject)node!;
        foreach (var (name, value) in extra)
        {
            obj[name] = value?.DeepClone();
        }

        NormalizeScalars(obj, type);
        try
        {
            return obj.Deserialize(type)!;
        }
        catch (JsonException e)
        {
            throw new ResourceFailedException($"Properties validation failed: {e.Message}");
        }
    }

    public static string? Text(JsonObject properties, string name) => Template.TemplateEvaluator.Text(properties[name]);

    public static int? Int(JsonObject properties, string name) =>
        Text(properties, name) is { } text && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    public static bool? Bool(JsonObject properties, string name) =>
        Text(properties, name) is { } text ? string.Equals(text, "true", StringComparison.OrdinalIgnoreCase) : null;

    private static JsonNode? Camel(JsonNode? node, bool keepKeys = false)
    {
        switch (node)
        {
            case JsonObject obj:
            {
                var result = new JsonObject();
                foreach (var (key, value) in obj)
                {
                    var name = keepKeys || key.Length == 0 ? key : char.ToLowerInvariant(key[0]) + key[1..];
                    result[name] = Camel(value, MapProperties.Contains(key));
                }

                return result;
            }

            case JsonArray array:
                return new JsonArray(array.Select(item => Camel(item)).ToArray());
            default:
                return node?.DeepClone();
        }
    }

    /// <summary>
    /// Templates write numbers and booleans as strings as often as not ("80", "true"); CloudFormation coerces
    /// them to the schema's type. Here: the target type's metadata says which members are numbers or booleans.
    /// </summary>
    private static void NormalizeScalars(JsonNode? node, JsonTypeInfo info)
    {
        switch (node)
        {
            case JsonObject obj when info.Kind == JsonTypeInfoKind.Object:
                foreach (var property in info.Properties)
                {
                    var key = obj.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.Ordinal));
                    if (key is null)
                    {
                        continue;
                    }

                    var target = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
                    if (obj[key] is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                    {
                        var text = value.GetValue<string>();
                        if (target == typeof(int) && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var i))
                        {
                            obj[key] = i;
                        }
                        else if (target == typeof(long) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var l))
                        {
                            obj[key] = l;
                        }
                        else if (target == typeof(double) && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d))
                        {
                            obj[key] = d;
                        }
                        else if (target == typeof(bool) && bool.TryParse(text, out var b))
                        {
                            obj[key] = b;
                        }
                    }
                    else if (obj[key] is JsonValue number && number.GetValueKind() == JsonValueKind.Number && target == typeof(string))
                    {
                        obj[key] = number.ToJsonString();
                    }
                    else
                    {
                        NormalizeScalars(obj[key], info.Options.GetTypeInfo(property.PropertyType));
                    }
                }

                break;
            case JsonArray array when info.Kind == JsonTypeInfoKind.Enumerable && info.ElementType is { } element:
                var elementInfo = info.Options.GetTypeInfo(element);
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && element == typeof(string))
                    {
                        array[i] = v.ToJsonString();
                    }
                    else
                    {
                        NormalizeScalars(array[i], elementInfo);
                    }
                }

                break;
        }
    }
}

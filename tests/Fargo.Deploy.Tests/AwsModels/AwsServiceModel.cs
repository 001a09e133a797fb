using System.Globalization;
using System.Text.Json;

namespace Fargo.Deploy.Tests.AwsModels;

/// <summary>
/// One of AWS's own service models, as the aws-sdk v2 npm package ships it (apis/&lt;service&gt;-&lt;version&gt;.min.json,
/// or the full .normal.json / botocore service-2.json layout): shapes, operations, members and required lists.
/// <see cref="Check"/> tells whether a JSON body is one the service's model allows, so Fargo's requests are
/// judged against AWS's definition and not against Fargo's own idea of it.
/// </summary>
public sealed class AwsServiceModel
{
    // Members bound to the HTTP request rather than its body (REST protocols); they never appear in a JSON body.
    private static readonly HashSet<string> NonBodyLocations = new(StringComparer.Ordinal) { "header", "headers", "uri", "querystring", "statusCode" };

    private readonly JsonElement _shapes;
    private readonly JsonElement _operations;

    private AwsServiceModel(JsonDocument document, string path)
    {
        Document = document;
        Path = path;
        _shapes = document.RootElement.GetProperty("shapes");
        _operations = document.RootElement.GetProperty("operations");
    }

    public JsonDocument Document { get; }

    public string Path { get; }

    public static AwsServiceModel Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        return new AwsServiceModel(JsonDocument.Parse(File.ReadAllText(path)), path);
    }

    /// <summary>
    /// A shape by name. The minified models inline operation inputs and outputs, so "RegisterTaskDefinitionRequest"
    /// (or "…Response") also resolves to the input (output) of operation "RegisterTaskDefinition".
    /// </summary>
    public JsonElement Shape(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (_shapes.TryGetProperty(name, out var shape))
        {
            return shape;
        }

        foreach (var (suffix, part) in new[] { ("Request", "input"), ("Response", "output") })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal)
                && _operations.TryGetProperty(name[..^suffix.Length], out var operation)
                && operation.TryGetProperty(part, out var io))
            {
                return Resolve(io);
            }
        }

        throw new KeyNotFoundException($"{Path} has no shape '{name}' and no operation whose input or output it names.");
    }

    /// <summary>
    /// Every way <paramref name="value"/> departs from shape <paramref name="shapeName"/>: members the model does not
    /// have, values of the wrong JSON type, members the model requires but the value lacks, values outside an enum
    /// (where the model lists one). Each problem starts with its JSON path, e.g. "$.containerDefinitions[0].image".
    /// An empty list means the model accepts the value.
    /// </summary>
    public IReadOnlyList<string> Check(JsonElement value, string shapeName)
    {
        var problems = new List<string>();
        Check(value, Shape(shapeName), "$", problems);
        return problems;
    }

    private void Check(JsonElement value, JsonElement shape, string path, List<string> problems)
    {
        shape = Resolve(shape);
        var type = TypeOf(shape);
        if (value.ValueKind == JsonValueKind.Null)
        {
            problems.Add($"{path}: null where the model expects {type} (absent members are left out, not sent as null)");
            return;
        }

        switch (type)
        {
            case "structure":
                CheckStructure(value, shape, path, problems);
                break;
            case "list":
                if (Expect(value, JsonValueKind.Array, type, path, problems))
                {
                    var index = 0;
                    foreach (var item in value.EnumerateArray())
                    {
                        Check(item, shape.GetProperty("member"), $"{path}[{index++}]", problems);
                    }
                }

                break;
            case "map":
                if (Expect(value, JsonValueKind.Object, type, path, problems))
                {
                    foreach (var entry in value.EnumerateObject())
                    {
                        CheckString(entry.Name, Resolve(shape.GetProperty("key")), $"{path} key '{entry.Name}'", problems);
                        Check(entry.Value, shape.GetProperty("value"), $"{path}['{entry.Name}']", problems);
                    }
                }

                break;
            case "string":
                if (Expect(value, JsonValueKind.String, type, path, problems))
                {
                    CheckString(value.GetString()!, shape, path, problems);
                }

                break;
            case "integer" or "long":
                if (Expect(value, JsonValueKind.Number, type, path, problems) && !value.TryGetInt64(out _))
                {
                    problems.Add($"{path}: {value.GetRawText()} is not a whole number ({type})");
                }

                break;
            case "double" or "float":
                Expect(value, JsonValueKind.Number, type, path, problems);
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{path}: expected boolean, found {Describe(value)}");
                }

                break;
            case "timestamp":
                // JSON protocols send epoch seconds unless the member names another format.
                var format = shape.TryGetProperty("timestampFormat", out var f) ? f.GetString() : "unixTimestamp";
                Expect(value, format == "unixTimestamp" ? JsonValueKind.Number : JsonValueKind.String, $"timestamp ({format})", path, problems);
                break;
            case "blob":
                if (Expect(value, JsonValueKind.String, "blob (base64)", path, problems) && !IsBase64(value.GetString()!))
                {
                    problems.Add($"{path}: not base64");
                }

                break;
            default:
                problems.Add($"{path}: the model's type '{type}' is not one this checker knows");
                break;
        }
    }

    private void CheckStructure(JsonElement value, JsonElement shape, string path, List<string> problems)
    {
        if (!Expect(value, JsonValueKind.Object, "structure", path, problems))
        {
            return;
        }

        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        if (shape.TryGetProperty("members", out var declared))
        {
            foreach (var member in declared.EnumerateObject())
            {
                if (member.Value.TryGetProperty("location", out var location) && NonBodyLocations.Contains(location.GetString()!))
                {
                    continue;
                }

                var wireName = member.Value.TryGetProperty("locationName", out var renamed) ? renamed.GetString()! : member.Name;
                members[wireName] = member.Value;
            }
        }

        foreach (var property in value.EnumerateObject())
        {
            if (members.TryGetValue(property.Name, out var memberShape))
            {
                Check(property.Value, memberShape, $"{path}.{property.Name}", problems);
            }
            else
            {
                problems.Add($"{path}.{property.Name}: no such member in the model (members: {string.Join(", ", members.Keys.Order(StringComparer.Ordinal))})");
            }
        }

        if (shape.TryGetProperty("required", out var required))
        {
            foreach (var name in required.EnumerateArray().Select(r => r.GetString()!))
            {
                var wireName = declared.ValueKind == JsonValueKind.Object && declared.TryGetProperty(name, out var m) && m.TryGetProperty("locationName", out var l)
                    ? l.GetString()!
                    : name;
                if (members.ContainsKey(wireName) && !value.TryGetProperty(wireName, out _))
                {
                    problems.Add($"{path}.{wireName}: required by the model, missing");
                }
            }
        }
    }

    private static void CheckString(string text, JsonElement shape, string path, List<string> problems)
    {
        if (shape.TryGetProperty("enum", out var values) && !values.EnumerateArray().Any(v => v.GetString() == text))
        {
            problems.Add($"{path}: '{text}' is not one of {string.Join(", ", values.EnumerateArray().Select(v => v.GetString()))}");
        }
    }

    private JsonElement Resolve(JsonElement shape)
    {
        // A member refers to a named shape; its own keys (locationName…) only matter at the member level.
        for (var hops = 0; shape.TryGetProperty("shape", out var reference); hops++)
        {
            if (hops > 32)
            {
                throw new InvalidOperationException($"{Path}: shape references loop at '{reference.GetString()}'.");
            }

            shape = _shapes.GetProperty(reference.GetString()!);
        }

        return shape;
    }

    // The minified models leave out "type" for strings, the commonest type.
    private static string TypeOf(JsonElement shape) =>
        shape.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String ? type.GetString()! : "string";

    private static bool Expect(JsonElement value, JsonValueKind kind, string type, string path, List<string> problems)
    {
        if (value.ValueKind == kind)
        {
            return true;
        }

        problems.Add($"{path}: expected {type}, found {Describe(value)}");
        return false;
    }

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => string.Create(CultureInfo.InvariantCulture, $"string \"{value.GetString()}\""),
        JsonValueKind.Number => $"number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => $"boolean {value.GetRawText()}",
        JsonValueKind.Array => "array",
        JsonValueKind.Object => "object",
        _ => value.ValueKind.ToString(),
    };

    private static bool IsBase64(string text)
    {
        var buffer = new byte[text.Length];
        return Convert.TryFromBase64String(text, buffer, out _);
    }
}

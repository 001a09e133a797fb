using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Fargo.Local.CloudFormation.Template;

/// <summary>
/// Reads a template body, JSON or YAML, into one JSON tree. YAML's short-form tags become the long form
/// CloudFormation defines (<c>!Ref X</c> is <c>{"Ref": "X"}</c>, <c>!GetAtt A.B</c> is
/// <c>{"Fn::GetAtt": ["A", "B"]}</c>, <c>!Sub s</c> is <c>{"Fn::Sub": s}</c> …), so the rest of the engine sees one language.
/// </summary>
internal static class TemplateReader
{
    private static readonly HashSet<string> FnTags = new(StringComparer.Ordinal)
    {
        "Base64", "Cidr", "FindInMap", "GetAZs", "ImportValue", "Join", "Select", "Split", "Sub", "Transform",
        "And", "Equals", "If", "Not", "Or", "Length", "ToJsonString",
    };

    public static JsonObject Read(string body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var trimmed = body.TrimStart();
        if (trimmed.StartsWith('{'))
        {
            try
            {
                return JsonNode.Parse(body, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = false }) as JsonObject
                    ?? throw TemplateFormat("the template is not a JSON object");
            }
            catch (JsonException e)
            {
                throw TemplateFormat($"JSON not well-formed. (line {e.LineNumber + 1}, column {e.BytePositionInLine + 1})");
            }
        }

        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(body));
            if (stream.Documents.Count == 0 || ToJson(stream.Documents[0].RootNode) is not JsonObject root)
            {
                throw TemplateFormat("YAML not well-formed. The template must be a mapping.");
            }

            return root;
        }
        catch (YamlException e)
        {
            throw TemplateFormat($"YAML not well-formed. (line {e.Start.Line}, column {e.Start.Column})");
        }
    }

    private static TemplateException TemplateFormat(string detail) => new("Template format error: " + detail);

    private static JsonNode? ToJson(YamlNode node)
    {
        var tag = node.Tag.IsEmpty ? null : node.Tag.Value;
        JsonNode? value = node switch
        {
            YamlMappingNode mapping => Mapping(mapping),
            YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(ToJson).ToArray()),
            YamlScalarNode scalar => (JsonNode?)Scalar(scalar, tag is not null),
            _ => throw TemplateFormat($"unsupported YAML node at line {node.Start.Line}"),
        };
        if (tag is null || !tag.StartsWith('!') || tag.StartsWith("!!", StringComparison.Ordinal))
        {
            return value;
        }

        var name = tag[1..];
        if (name == "Ref")
        {
            return new JsonObject { ["Ref"] = value };
        }

        if (name == "Condition")
        {
            return new JsonObject { ["Condition"] = value };
        }

        if (name == "GetAtt" && value is JsonValue dotted && dotted.TryGetValue<string>(out var text))
        {
            var dot = text.IndexOf('.', StringComparison.Ordinal);
            return new JsonObject { ["Fn::GetAtt"] = dot < 0 ? new JsonArray(text) : new JsonArray(text[..dot], text[(dot + 1)..]) };
        }

        if (name == "GetAtt" || FnTags.Contains(name))
        {
            return new JsonObject { ["Fn::" + name] = value };
        }

        throw TemplateFormat($"unknown tag !{name} at line {node.Start.Line}");
    }

    private static JsonObject Mapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, child) in mapping.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : throw TemplateFormat($"a mapping key must be a scalar (line {key.Start.Line})");
            if (result.ContainsKey(name))
            {
                throw TemplateFormat($"YAML not well-formed. Duplicate key '{name}' (line {key.Start.Line})");
            }

            result[name] = ToJson(child);
        }

        return result;
    }

    /// <summary>Plain YAML scalars keep their YAML type (numbers, booleans, null); quoted and tagged ones are strings.</summary>
    private static JsonValue? Scalar(YamlScalarNode scalar, bool tagged)
    {
        var text = scalar.Value ?? "";
        if (tagged || scalar.Style != YamlDotNet.Core.ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        var leadingZero = text.Length > 1 && (text.StartsWith('0') || text.StartsWith("-0", StringComparison.Ordinal));
        if (!leadingZero && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && text.Contains('.', StringComparison.Ordinal) && !text.EndsWith('.'))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }
}

/// <summary>A template CloudFormation refuses, with its message word for word (a ValidationError on the wire).</summary>
internal sealed class TemplateException(string message) : Exception(message);

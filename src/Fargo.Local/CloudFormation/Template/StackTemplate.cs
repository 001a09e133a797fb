using System.Text.Json.Nodes;

namespace Fargo.Local.CloudFormation.Template;

/// <summary>One resource of a template, as written (properties unresolved).</summary>
internal sealed record TemplateResource(
    string LogicalId,
    string Type,
    JsonObject Properties,
    IReadOnlyList<string> DependsOn,
    string? Condition,
    string? DeletionPolicy,
    string? UpdateReplacePolicy,
    JsonNode? Metadata);

/// <summary>One parameter declaration.</summary>
internal sealed record TemplateParameter(
    string Name,
    string Type,
    string? Default,
    IReadOnlyList<string>? AllowedValues,
    string? AllowedPattern,
    bool NoEcho,
    string? Description,
    int? MinLength,
    int? MaxLength,
    double? MinValue,
    double? MaxValue,
    string? ConstraintDescription);

/// <summary>One output, with its export name expression if it has one.</summary>
internal sealed record TemplateOutput(string Name, JsonNode? Value, JsonNode? ExportName, string? Condition, string? Description);

/// <summary>
/// A template's sections, read and checked for shape. Intrinsics stay unresolved here; see
/// <see cref="TemplateEvaluator"/> for resolution and <see cref="TemplateValidator"/> for the references.
/// </summary>
internal sealed record StackTemplate(
    JsonObject Body,
    string? Description,
    IReadOnlyDictionary<string, TemplateParameter> Parameters,
    JsonObject Mappings,
    JsonObject Conditions,
    IReadOnlyDictionary<string, TemplateResource> Resources,
    IReadOnlyList<TemplateOutput> Outputs)
{
    private static readonly HashSet<string> Sections = new(StringComparer.Ordinal)
    {
        "AWSTemplateFormatVersion", "Description", "Metadata", "Parameters", "Rules", "Mappings", "Conditions", "Transform", "Resources", "Outputs",
    };

    private static readonly HashSet<string> ResourceKeys = new(StringComparer.Ordinal)
    {
        "Type", "Properties", "DependsOn", "Condition", "DeletionPolicy", "UpdateReplacePolicy", "Metadata", "CreationPolicy", "UpdatePolicy",
    };

    public static StackTemplate Parse(string body)
    {
        var root = TemplateReader.Read(body);
        foreach (var (key, _) in root)
        {
            if (!Sections.Contains(key))
            {
                throw new TemplateException($"Template format error: Invalid template property or properties [{key}]");
            }
        }

        if (root["Transform"] is not null)
        {
            throw new TemplateException("Template format error: the local region does not run transforms (macros such as AWS::Serverless); deploy the processed template.");
        }

        if (root["AWSTemplateFormatVersion"] is JsonValue version && version.ToString() != "2010-09-09")
        {
            throw new TemplateException($"Template format error: Unsupported template version: {version}");
        }

        var resources = new Dictionary<string, TemplateResource>(StringComparer.Ordinal);
        if (root[Keys.Resources] is not JsonObject resourceSection || resourceSection.Count == 0)
        {
            throw new TemplateException("Template format error: At least one Resources member must be defined.");
        }

        foreach (var (id, node) in resourceSection)
        {
            if (node is not JsonObject resource)
            {
                throw new TemplateException($"Template format error: [/Resources/{id}] resource definition is malformed");
            }

            if (!id.All(char.IsAsciiLetterOrDigit))
            {
                throw new TemplateException($"Template format error: Resource name {id} is non alphanumeric.");
            }

            foreach (var (key, _) in resource)
            {
                if (!ResourceKeys.Contains(key))
                {
                    throw new TemplateException($"Template format error: Unrecognized resource attribute [{key}] in resource {id}");
                }
            }

            if (resource["Type"] is not JsonValue type || type.GetValueKind() != System.Text.Json.JsonValueKind.String)
            {
                throw new TemplateException($"Template format error: [/Resources/{id}] Every Resources object must contain a Type member.");
            }

            var properties = resource["Properties"] switch
            {
                null => new JsonObject(),
                JsonObject given => given,
                _ => throw new TemplateException($"Template format error: [/Resources/{id}/Properties] must be an object"),
            };
            var dependsOn = resource["DependsOn"] switch
            {
                null => [],
                JsonValue single => [single.ToString()],
                JsonArray many => many.Select(d => d?.ToString() ?? "").ToList(),
                _ => throw new TemplateException($"Template format error: [/Resources/{id}/DependsOn] must be a string or a list of strings"),
            };
            var deletion = resource["DeletionPolicy"]?.ToString();
            if (deletion is not (null or "Delete" or "Retain" or "Snapshot" or "RetainExceptOnCreate"))
            {
                throw new TemplateException($"Template format error: Unrecognized DeletionPolicy {deletion} for resource {id}");
            }

            var replace = resource["UpdateReplacePolicy"]?.ToString();
            if (replace is not (null or "Delete" or "Retain" or "Snapshot"))
            {
                throw new TemplateException($"Template format error: Unrecognized UpdateReplacePolicy {replace} for resource {id}");
            }

            resources[id] = new TemplateResource(id, type.ToString(), properties, dependsOn, resource["Condition"]?.ToString(), deletion, replace, resource["Metadata"]);
        }

        var parameters = new Dictionary<string, TemplateParameter>(StringComparer.Ordinal);
        if (root[Keys.Parameters] is JsonObject parameterSection)
        {
            foreach (var (name, node) in parameterSection)
            {
                if (node is not JsonObject p || p["Type"] is null)
                {
                    throw new TemplateException($"Template format error: Every Parameters object must contain a Type member.");
                }

                parameters[name] = new TemplateParameter(
                    name,
                    p["Type"]!.ToString(),
                    Scalar(p["Default"]),
                    p["AllowedValues"] is JsonArray allowed ? allowed.Select(a => Scalar(a) ?? "").ToList() : null,
                    p["AllowedPattern"]?.ToString(),
                    string.Equals(Scalar(p["NoEcho"]), "true", StringComparison.OrdinalIgnoreCase),
                    p[Keys.Description]?.ToString(),
                    Int(p["MinLength"]),
                    Int(p["MaxLength"]),
                    Double(p["MinValue"]),
                    Double(p["MaxValue"]),
                    p["ConstraintDescription"]?.ToString());
            }
        }

        var outputs = new List<TemplateOutput>();
        if (root[Keys.Outputs] is JsonObject outputSection)
        {
            foreach (var (name, node) in outputSection)
            {
                if (node is not JsonObject o || !o.ContainsKey("Value"))
                {
                    throw new TemplateException($"Template format error: Every Outputs member must contain a Value object, the Value object of the Output {name} is missing");
                }

                outputs.Add(new TemplateOutput(name, o["Value"], (o["Export"] as JsonObject)?["Name"], o["Condition"]?.ToString(), o[Keys.Description]?.ToString()));
            }
        }

        return new StackTemplate(
            root,
            root[Keys.Description]?.ToString(),
            parameters,
            root[Keys.Mappings] as JsonObject ?? [],
            root[Keys.Conditions] as JsonObject ?? [],
            resources,
            outputs);
    }

    /// <summary>A scalar as CloudFormation reads it: numbers and booleans as their text.</summary>
    public static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.True => "true",
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.False => "false",
        JsonValue v => v.ToJsonString(),
        _ => node.ToJsonString(),
    };

    private static int? Int(JsonNode? node) => Scalar(node) is { } text && int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    private static double? Double(JsonNode? node) => Scalar(node) is { } text && double.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>Template keys that share a name with a member of this record.</summary>
    private static class Keys
    {
        public const string Parameters = "Parameters";
        public const string Description = "Description";
        public const string Outputs = "Outputs";
        public const string Mappings = "Mappings";
        public const string Conditions = "Conditions";
        public const string Resources = "Resources";
    }
}

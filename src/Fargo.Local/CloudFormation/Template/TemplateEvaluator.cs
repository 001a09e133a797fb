using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Fargo.Local.CloudFormation.Template;

/// <summary>What a resource answers to Ref and Fn::GetAtt once it exists.</summary>
internal sealed record ResourceValues(string Ref, IReadOnlyDictionary<string, JsonNode?> Attributes);

/// <summary>
/// Everything an expression may read: parameters (resolved), pseudo parameters, conditions, mappings, the
/// resources made so far, exports, and dynamic references. <see cref="Resource"/> answers null for a resource not
/// made yet; the evaluator then yields a placeholder when <see cref="AllowPending"/> (change set previews), else fails.
/// </summary>
internal sealed class EvaluationScope
{
    public required IReadOnlyDictionary<string, JsonNode?> Parameters { get; init; }

    public required string AccountId { get; init; }

    public required string Region { get; init; }

    public required string StackName { get; init; }

    public required string StackId { get; init; }

    public required JsonObject Mappings { get; init; }

    public required IReadOnlyDictionary<string, bool> Conditions { get; init; }

    public required Func<string, ResourceValues?> Resource { get; init; }

    public required Func<string, string?> Import { get; init; }

    public required Func<string, string> DynamicReference { get; init; }

    public bool AllowPending { get; init; }

    /// <summary>The resources' logical ids, so Ref can tell a resource from an unknown name.</summary>
    public required IReadOnlySet<string> ResourceIds { get; init; }
}

/// <summary>
/// Resolves CloudFormation's intrinsic functions, pseudo parameters, conditions and dynamic references,
/// as the template reference defines them. AWS::NoValue removes the property or list item it stands in.
/// </summary>
internal static partial class TemplateEvaluator
{
    public const string PendingPrefix = "{{pending:";

    private static readonly JsonObject NoValueMarker = new() { ["__NoValue"] = true };

    public static readonly IReadOnlyList<string> PseudoParameters =
    [
        "AWS::AccountId", "AWS::Region", "AWS::Partition", "AWS::StackName", "AWS::StackId", "AWS::URLSuffix", "AWS::NoValue", "AWS::NotificationARNs",
    ];

    /// <summary>Resolves a whole value; null when it is AWS::NoValue.</summary>
    public static JsonNode? Resolve(JsonNode? node, EvaluationScope scope)
    {
        var result = Evaluate(node, scope);
        return ReferenceEquals(result, NoValueMarker) ? null : result;
    }

    /// <summary>The resources a value waits for: Ref, Fn::GetAtt and Fn::Sub naming them.</summary>
    public static void CollectDependencies(JsonNode? node, IReadOnlySet<string> resourceIds, ISet<string> into)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && obj.First() is var (key, value):
                if (key == "Ref" && value?.ToString() is { } name && resourceIds.Contains(name))
                {
                    into.Add(name);
                }
                else if (key == "Fn::GetAtt")
                {
                    var target = value switch
                    {
                        JsonArray array when array.Count > 0 => array[0]?.ToString(),
                        JsonValue dotted => dotted.ToString().Split('.')[0],
                        _ => null,
                    };
                    if (target is not null && resourceIds.Contains(target))
                    {
                        into.Add(target);
                    }
                }
                else if (key == "Fn::Sub")
                {
                    var text = value is JsonArray a ? a[0]?.ToString() : value?.ToString();
                    var variables = value is JsonArray b && b.Count > 1 ? b[1] as JsonObject : null;
                    foreach (var variable in SubVariables(text ?? ""))
                    {
                        var head = variable.Split('.')[0];
                        if (variables?.ContainsKey(variable) != true && resourceIds.Contains(head))
                        {
                            into.Add(head);
                        }
                    }

                    if (variables is not null)
                    {
                        CollectDependencies(variables, resourceIds, into);
                    }
                }
                else
                {
                    CollectDependencies(value, resourceIds, into);
                }

                break;
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    CollectDependencies(child, resourceIds, into);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CollectDependencies(child, resourceIds, into);
                }

                break;
        }
    }

    /// <summary>Evaluates every condition of the Conditions section (conditions may name each other).</summary>
    public static Dictionary<string, bool> EvaluateConditions(JsonObject conditions, EvaluationScope partialScope)
    {
        var results = new Dictionary<string, bool>(StringComparer.Ordinal);
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        bool Get(string name)
        {
            if (results.TryGetValue(name, out var known))
            {
                return known;
            }

            if (!conditions.ContainsKey(name))
            {
                throw new TemplateException($"Template format error: Unresolved dependencies [{name}]. Cannot reference resources in the Conditions block of the template");
            }

            if (!visiting.Add(name))
            {
                throw new TemplateException($"Template error: Circular dependency between conditions: [{name}]");
            }

            var value = Condition(conditions[name], partialScope, Get);
            results[name] = value;
            return value;
        }

        foreach (var (name, _) in conditions)
        {
            Get(name);
        }

        return results;
    }

    private static bool Condition(JsonNode? node, EvaluationScope scope, Func<string, bool> named)
    {
        if (node is JsonObject obj && obj.Count == 1)
        {
            var (key, value) = obj.First();
            switch (key)
            {
                case "Condition":
                    return named(value?.ToString() ?? "");
                case "Fn::Equals" when value is JsonArray { Count: 2 } pair:
                    return Equal(ConditionOperand(pair[0], scope, named), ConditionOperand(pair[1], scope, named));
                case "Fn::Not" when value is JsonArray { Count: 1 } one:
                    return !Condition(one[0], scope, named);
                case "Fn::And" when value is JsonArray { Count: >= 2 and <= 10 } all:
                    return all.All(c => Condition(c, scope, named));
                case "Fn::Or" when value is JsonArray { Count: >= 2 and <= 10 } any:
                    return any.Any(c => Condition(c, scope, named));
            }
        }

        if (node is JsonValue literal && literal.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return literal.GetValue<bool>();
        }

        throw new TemplateException("Template error: every Conditions member must be a condition function (Fn::Equals, Fn::Not, Fn::And, Fn::Or, Condition)");
    }

    private static JsonNode? ConditionOperand(JsonNode? node, EvaluationScope scope, Func<string, bool> named)
    {
        if (node is JsonObject obj && obj.Count == 1 && obj.First().Key is "Fn::Equals" or "Fn::Not" or "Fn::And" or "Fn::Or" or "Condition")
        {
            return JsonValue.Create(Condition(node, scope, named) ? "true" : "false");
        }

        return Resolve(node, scope);
    }

    private static bool Equal(JsonNode? a, JsonNode? b) => Text(a) == Text(b);

    private static JsonNode? Evaluate(JsonNode? node, EvaluationScope scope)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonValue value:
                return value.GetValueKind() == JsonValueKind.String && value.GetValue<string>().Contains("{{resolve:", StringComparison.Ordinal)
                    ? JsonValue.Create(ResolveDynamic(value.GetValue<string>(), scope))
                    : value.DeepClone();
            case JsonArray array:
            {
                var result = new JsonArray();
                foreach (var item in array)
                {
                    var evaluated = Evaluate(item, scope);
                    if (!ReferenceEquals(evaluated, NoValueMarker))
                    {
                        result.Add(evaluated);
                    }
                }

                return result;
            }

            case JsonObject obj when obj.Count == 1 && IsFunction(obj.First().Key):
                return Function(obj.First().Key, obj.First().Value, scope);
            case JsonObject obj:
            {
                var result = new JsonObject();
                foreach (var (key, child) in obj)
                {
                    var evaluated = Evaluate(child, scope);
                    if (!ReferenceEquals(evaluated, NoValueMarker))
                    {
                        result[key] = evaluated;
                    }
                }

                return result;
            }

            default:
                return node.DeepClone();
        }
    }

    private static bool IsFunction(string key) => key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal);

    private static JsonNode? Function(string name, JsonNode? argument, EvaluationScope scope)
    {
        switch (name)
        {
            case "Ref":
                return Ref(argument?.ToString() ?? "", scope);
            case "Fn::GetAtt":
            {
                var (resource, attribute) = argument switch
                {
                    JsonArray { Count: 2 } pair => (pair[0]?.ToString() ?? "", Text(Evaluate(pair[1], scope)) ?? ""),
                    JsonValue dotted when dotted.ToString().IndexOf('.', StringComparison.Ordinal) is var dot and > 0 =>
                        (dotted.ToString()[..dot], dotted.ToString()[(dot + 1)..]),
                    _ => throw new TemplateException("Template error: every Fn::GetAtt object requires two non-empty parameters"),
                };
                return GetAtt(resource, attribute, scope);
            }

            case "Fn::Join":
            {
                if (argument is not JsonArray { Count: 2 } join)
                {
                    throw new TemplateException("Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.");
                }

                var delimiter = Text(Evaluate(join[0], scope)) ?? "";
                var items = Evaluate(join[1], scope) as JsonArray
                    ?? throw new TemplateException("Template error: every Fn::Join object requires two parameters, (1) a string delimiter and (2) a list of strings to be joined or a function that returns a list of strings (such as Fn::GetAZs) to be joined.");
                return JsonValue.Create(string.Join(delimiter, items.Select(i => Text(i) ?? "")));
            }

            case "Fn::Sub":
                return JsonValue.Create(Sub(argument, scope));
            case "Fn::Select":
            {
                if (argument is not JsonArray { Count: 2 } select)
                {
                    throw new TemplateException("Template error: Fn::Select requires a list argument with two elements: an integer index and a list");
                }

                var index = int.Parse(Text(Evaluate(select[0], scope)) ?? "", CultureInfo.InvariantCulture);
                var list = Evaluate(select[1], scope) as JsonArray ?? throw new TemplateException("Template error: Fn::Select requires a list argument with two elements: an integer index and a list");
                if (index < 0 || index >= list.Count)
                {
                    throw new TemplateException("Template error: Fn::Select cannot select nonexistent value at index " + index);
                }

                return list[index]?.DeepClone();
            }

            case "Fn::Split":
            {
                if (argument is not JsonArray { Count: 2 } split)
                {
                    throw new TemplateException("Template error: every Fn::Split object requires two parameters, (1) a string delimiter and (2) a string to be split or a function that returns a string to be split.");
                }

                var delimiter = Text(Evaluate(split[0], scope)) ?? "";
                var source = Text(Evaluate(split[1], scope)) ?? "";
                return new JsonArray(source.Split(delimiter).Select(s => (JsonNode?)JsonValue.Create(s)).ToArray());
            }

            case "Fn::If":
            {
                if (argument is not JsonArray { Count: 3 } choice)
                {
                    throw new TemplateException("Template error: Fn::If requires a list argument with three elements");
                }

                var condition = choice[0]?.ToString() ?? "";
                if (!scope.Conditions.TryGetValue(condition, out var holds))
                {
                    throw new TemplateException($"Template error: unresolved condition dependency {condition} in Fn::If");
                }

                return Evaluate(holds ? choice[1] : choice[2], scope);
            }

            case "Fn::Equals" or "Fn::Not" or "Fn::And" or "Fn::Or" or "Condition":
                return JsonValue.Create(Condition(new JsonObject { [name] = argument?.DeepClone() }, scope, c => scope.Conditions.TryGetValue(c, out var v) ? v
                    : throw new TemplateException($"Template error: unresolved condition dependency {c}")));
            case "Fn::FindInMap":
            {
                if (argument is not JsonArray { Count: 3 or 4 } find)
                {
                    throw new TemplateException("Template error: every Fn::FindInMap object requires three parameters, the map name, map key and the attribute for return value");
                }

                var map = Text(Evaluate(find[0], scope)) ?? "";
                var top = Text(Evaluate(find[1], scope)) ?? "";
                var second = Text(Evaluate(find[2], scope)) ?? "";
                if (scope.Mappings[map] is not JsonObject mapping)
                {
                    throw new TemplateException($"Template error: Mapping named '{map}' is not present in the 'Mappings' section of template.");
                }

                if (mapping[top] is not JsonObject level || !level.ContainsKey(second))
                {
                    throw new TemplateException($"Template error: Unable to get mapping for {map}::{top}::{second}");
                }

                return level[second]?.DeepClone();
            }

            case "Fn::GetAZs":
            {
                var region = Text(Evaluate(argument, scope));
                region = string.IsNullOrEmpty(region) ? scope.Region : region;
                return new JsonArray(JsonValue.Create(region + "a"), JsonValue.Create(region + "b"), JsonValue.Create(region + "c"));
            }

            case "Fn::ImportValue":
            {
                var export = Text(Evaluate(argument, scope)) ?? "";
                if (export.StartsWith(PendingPrefix, StringComparison.Ordinal))
                {
                    return JsonValue.Create(export);
                }

                return JsonValue.Create(scope.Import(export) ?? throw new TemplateException($"No export named {export} found."));
            }

            case "Fn::Base64":
                return JsonValue.Create(Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(Evaluate(argument, scope)) ?? "")));
            case "Fn::Cidr":
            {
                if (argument is not JsonArray { Count: 3 } cidr)
                {
                    throw new TemplateException("Template error: Fn::Cidr requires three parameters: an address block, a count and the number of subnet bits");
                }

                var block = Text(Evaluate(cidr[0], scope)) ?? "";
                var count = int.Parse(Text(Evaluate(cidr[1], scope)) ?? "", CultureInfo.InvariantCulture);
                var bits = int.Parse(Text(Evaluate(cidr[2], scope)) ?? "", CultureInfo.InvariantCulture);
                return new JsonArray(Cidrs(block, count, bits).Select(c => (JsonNode?)JsonValue.Create(c)).ToArray());
            }

            default:
                throw new TemplateException($"Template format error: Unrecognized function {name}");
        }
    }

    private static JsonNode? Ref(string name, EvaluationScope scope)
    {
        switch (name)
        {
            case "AWS::AccountId":
                return JsonValue.Create(scope.AccountId);
            case "AWS::Region":
                return JsonValue.Create(scope.Region);
            case "AWS::Partition":
                return JsonValue.Create("aws");
            case "AWS::StackName":
                return JsonValue.Create(scope.StackName);
            case "AWS::StackId":
                return JsonValue.Create(scope.StackId);
            case "AWS::URLSuffix":
                return JsonValue.Create("amazonaws.com");
            case "AWS::NoValue":
                return NoValueMarker;
            case "AWS::NotificationARNs":
                return new JsonArray();
        }

        if (scope.Parameters.TryGetValue(name, out var parameter))
        {
            return parameter?.DeepClone();
        }

        if (scope.ResourceIds.Contains(name))
        {
            if (scope.Resource(name) is { } made)
            {
                return JsonValue.Create(made.Ref);
            }

            return scope.AllowPending ? JsonValue.Create($"{PendingPrefix}{name}}}}}") : throw new InvalidOperationException($"{name} is referenced before it exists");
        }

        throw new TemplateException($"Template format error: Unresolved resource dependencies [{name}] in the Resources block of the template");
    }

    private static JsonNode? GetAtt(string resource, string attribute, EvaluationScope scope)
    {
        if (!scope.ResourceIds.Contains(resource))
        {
            throw new TemplateException($"Template error: instance of Fn::GetAtt references undefined resource {resource}");
        }

        if (scope.Resource(resource) is not { } made)
        {
            return scope.AllowPending ? JsonValue.Create($"{PendingPrefix}{resource}.{attribute}}}}}") : throw new InvalidOperationException($"{resource} is read before it exists");
        }

        return made.Attributes.TryGetValue(attribute, out var value)
            ? value?.DeepClone()
            : throw new TemplateException($"Template error: resource {resource} does not support attribute type {attribute} in Fn::GetAtt");
    }

    private static string Sub(JsonNode? argument, EvaluationScope scope)
    {
        var (text, variables) = argument switch
        {
            JsonValue single => (single.ToString(), (JsonObject?)null),
            JsonArray { Count: 2 } pair when pair[1] is JsonObject vars => (pair[0]?.ToString() ?? "", vars),
            _ => throw new TemplateException("Template error: One or more Fn::Sub intrinsic functions don't specify expected arguments. Specify a string as first argument, and an optional second argument to specify a mapping of values to replace in the string"),
        };
        return SubPattern().Replace(text, match =>
        {
            if (match.Groups["literal"].Success)
            {
                return "${" + match.Groups["literal"].Value + "}";
            }

            var name = match.Groups["name"].Value.Trim();
            if (variables is not null && variables.ContainsKey(name))
            {
                return Text(Evaluate(variables[name], scope)) ?? "";
            }

            var dot = name.IndexOf('.', StringComparison.Ordinal);
            if (dot > 0 && scope.ResourceIds.Contains(name[..dot]))
            {
                return Text(GetAtt(name[..dot], name[(dot + 1)..], scope)) ?? "";
            }

            return Text(Ref(name, scope)) ?? "";
        });
    }

    public static IEnumerable<string> SubVariables(string text) =>
        SubPattern().Matches(text).Where(m => !m.Groups["literal"].Success).Select(m => m.Groups["name"].Value.Trim());

    [GeneratedRegex(@"\$\{!(?<literal>[^}]*)\}|\$\{(?<name>[^}]+)\}")]
    private static partial Regex SubPattern();

    /// <summary>A scalar's text (numbers and booleans as written); lists and objects as JSON.</summary>
    public static string? Text(JsonNode? node) => StackTemplate.Scalar(node);

    private static string ResolveDynamic(string text, EvaluationScope scope) =>
        DynamicPattern().Replace(text, match => scope.DynamicReference(match.Groups["reference"].Value));

    [GeneratedRegex(@"\{\{resolve:(?<reference>[^}]+)\}\}")]
    private static partial Regex DynamicPattern();

    /// <summary>Fn::Cidr: <paramref name="count"/> consecutive blocks of 2^<paramref name="bits"/> addresses from the start of the block.</summary>
    private static IEnumerable<string> Cidrs(string block, int count, int bits)
    {
        var slash = block.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0 || !IPAddress.TryParse(block[..slash], out var address) || address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetwork)
        {
            throw new TemplateException($"Template error: Fn::Cidr: invalid address block {block}");
        }

        var prefix = int.Parse(block[(slash + 1)..], CultureInfo.InvariantCulture);
        var newPrefix = 32 - bits;
        if (newPrefix < prefix || count < 1 || count > 256 || (long)count << bits > 1L << (32 - prefix))
        {
            throw new TemplateException($"Template error: Fn::Cidr: {block} cannot hold {count} blocks of {bits} bits");
        }

        var bytes = address.GetAddressBytes();
        var start = (uint)(bytes[0] << 24 | bytes[1] << 16 | bytes[2] << 8 | bytes[3]);
        for (var i = 0; i < count; i++)
        {
            var next = start + ((uint)i << bits);
            yield return $"{next >> 24}.{(next >> 16) & 255}.{(next >> 8) & 255}.{next & 255}/{newPrefix}";
        }
    }
}

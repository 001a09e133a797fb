using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Fargo.Local.CloudFormation.Resources;

namespace Fargo.Local.CloudFormation.Template;

/// <summary>
/// Checks a template before anything is made, with CloudFormation's messages: every type known, every Ref,
/// Fn::GetAtt, Fn::Sub variable, DependsOn and condition naming something that exists, no dependency cycle.
/// Answers each resource's dependencies (what it waits for).
/// </summary>
internal static class TemplateValidator
{
    public static IReadOnlyDictionary<string, IReadOnlySet<string>> Validate(StackTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var unknown = template.Resources.Values.Where(r => ResourceTypeCatalog.Find(r.Type) is null).ToList();
        if (unknown.Count > 0)
        {
            throw new TemplateException(
                $"Template format error: Unrecognized resource types: [{string.Join(", ", unknown.Select(r => r.Type).Distinct())}] "
                + $"(resources {string.Join(", ", unknown.Select(r => $"{r.LogicalId}: {r.Type}"))}; the local region does not know these types)");
        }

        var resourceIds = template.Resources.Keys.ToHashSet(StringComparer.Ordinal);
        var names = new HashSet<string>(resourceIds, StringComparer.Ordinal);
        names.UnionWith(template.Parameters.Keys);
        names.UnionWith(TemplateEvaluator.PseudoParameters);

        var unresolved = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var resource in template.Resources.Values)
        {
            CheckReferences(resource.Properties, template, names, unresolved);
            if (resource.Condition is { } condition && !template.Conditions.ContainsKey(condition))
            {
                throw new TemplateException($"Template format error: Unresolved dependencies [{condition}]. Cannot reference resources in the Conditions block of the template");
            }

            foreach (var dependency in resource.DependsOn)
            {
                if (!resourceIds.Contains(dependency))
                {
                    throw new TemplateException($"Template format error: Unresolved resource dependencies [{dependency}] in the Resources block of the template");
                }
            }
        }

        if (unresolved.Count > 0)
        {
            throw new TemplateException($"Template format error: Unresolved resource dependencies [{string.Join(", ", unresolved)}] in the Resources block of the template");
        }

        foreach (var output in template.Outputs)
        {
            var missing = new SortedSet<string>(StringComparer.Ordinal);
            CheckReferences(output.Value, template, names, missing);
            CheckReferences(output.ExportName, template, names, missing);
            if (missing.Count > 0)
            {
                throw new TemplateException($"Template format error: Unresolved resource dependencies [{string.Join(", ", missing)}] in the Outputs block of the template");
            }
        }

        foreach (var (_, condition) in template.Conditions)
        {
            CheckConditionReferences(condition, template, resourceIds);
        }

        var dependencies = new Dictionary<string, IReadOnlySet<string>>(StringComparer.Ordinal);
        foreach (var resource in template.Resources.Values)
        {
            var set = new HashSet<string>(resource.DependsOn, StringComparer.Ordinal);
            TemplateEvaluator.CollectDependencies(resource.Properties, resourceIds, set);
            set.Remove(resource.LogicalId);
            dependencies[resource.LogicalId] = set;
        }

        var cycle = FindCycle(dependencies);
        if (cycle is not null)
        {
            throw new TemplateException($"Circular dependency between resources: [{string.Join(", ", cycle.Order(StringComparer.Ordinal))}]");
        }

        return dependencies;
    }

    /// <summary>Checks parameter values against their declarations; answers the values to use (defaults filled in).</summary>
    public static Dictionary<string, string> BindParameters(StackTemplate template, IReadOnlyDictionary<string, string> given, IReadOnlyDictionary<string, string>? previous, IReadOnlySet<string> usePrevious)
    {
        ArgumentNullException.ThrowIfNull(template);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var (name, declaration) in template.Parameters)
        {
            string? value = given.TryGetValue(name, out var supplied) ? supplied
                : usePrevious.Contains(name) && previous?.TryGetValue(name, out var kept) == true ? kept
                : declaration.Default;
            if (value is null)
            {
                missing.Add(name);
                continue;
            }

            Check(declaration, value);
            values[name] = value;
        }

        foreach (var name in given.Keys.Where(n => !template.Parameters.ContainsKey(n)))
        {
            throw new TemplateException($"Parameters: [{name}] do not exist in the template");
        }

        if (missing.Count > 0)
        {
            throw new TemplateException($"Parameters: [{string.Join(", ", missing)}] must have values");
        }

        return values;
    }

    /// <summary>A parameter's value as expressions see it: a list for the list types, else a string.</summary>
    public static JsonNode? Typed(TemplateParameter declaration, string value) =>
        declaration.Type.StartsWith("List<", StringComparison.Ordinal) || declaration.Type == "CommaDelimitedList"
            ? new JsonArray(value.Split(',').Select(v => (JsonNode?)JsonValue.Create(v.Trim())).ToArray())
            : JsonValue.Create(value);

    private static void Check(TemplateParameter p, string value)
    {
        var items = p.Type.StartsWith("List<", StringComparison.Ordinal) || p.Type == "CommaDelimitedList" ? value.Split(',') : [value];
        foreach (var item in items)
        {
            if (p.AllowedValues is { } allowed && !allowed.Contains(item, StringComparer.Ordinal))
            {
                throw new TemplateException($"Parameter '{p.Name}' must be one of AllowedValues");
            }

            if (p.AllowedPattern is { } pattern && !Regex.IsMatch(item, "^(?:" + pattern + ")$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                throw new TemplateException($"Parameter '{p.Name}' must match pattern {pattern}");
            }
        }

        if (p.MinLength is { } min && value.Length < min)
        {
            throw new TemplateException($"Parameter '{p.Name}' must contain at least {min} characters");
        }

        if (p.MaxLength is { } max && value.Length > max)
        {
            throw new TemplateException($"Parameter '{p.Name}' must contain at most {max} characters");
        }

        if (p.Type == "Number")
        {
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                throw new TemplateException($"Parameter '{p.Name}' must be a number");
            }

            if (p.MinValue is { } low && number < low)
            {
                throw new TemplateException($"Parameter '{p.Name}' must be a number not less than {low.ToString(CultureInfo.InvariantCulture)}");
            }

            if (p.MaxValue is { } high && number > high)
            {
                throw new TemplateException($"Parameter '{p.Name}' must be a number not greater than {high.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static void CheckReferences(JsonNode? node, StackTemplate template, HashSet<string> names, ISet<string> unresolved)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count == 1 && obj.First() is var (key, value) && (key == "Ref" || key.StartsWith("Fn::", StringComparison.Ordinal)):
                switch (key)
                {
                    case "Ref" when value?.ToString() is { } name && !names.Contains(name):
                        unresolved.Add(name);
                        break;
                    case "Fn::GetAtt":
                        CheckGetAtt(value, template);
                        break;
                    case "Fn::Sub":
                    {
                        var text = value is JsonArray a ? a[0]?.ToString() : value?.ToString();
                        var variables = value is JsonArray b && b.Count > 1 ? b[1] as JsonObject : null;
                        foreach (var variable in TemplateEvaluator.SubVariables(text ?? ""))
                        {
                            var head = variable.Split('.')[0];
                            if (variables?.ContainsKey(variable) == true)
                            {
                                continue;
                            }

                            if (variable.Contains('.', StringComparison.Ordinal) && template.Resources.ContainsKey(head))
                            {
                                CheckGetAtt(JsonValue.Create(variable), template);
                            }
                            else if (!names.Contains(variable))
                            {
                                unresolved.Add(variable);
                            }
                        }

                        CheckReferences(variables, template, names, unresolved);
                        break;
                    }

                    case "Fn::If" when value is JsonArray { Count: 3 } choice:
                        if (!template.Conditions.ContainsKey(choice[0]?.ToString() ?? ""))
                        {
                            throw new TemplateException($"Template error: unresolved condition dependency {choice[0]} in Fn::If");
                        }

                        CheckReferences(choice[1], template, names, unresolved);
                        CheckReferences(choice[2], template, names, unresolved);
                        break;
                    case "Fn::FindInMap" when value is JsonArray { Count: >= 1 } find && find[0] is JsonValue map && !template.Mappings.ContainsKey(map.ToString()):
                        throw new TemplateException($"Template error: Mapping named '{map}' is not present in the 'Mappings' section of template.");
                    default:
                        CheckReferences(value, template, names, unresolved);
                        break;
                }

                break;
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    CheckReferences(child, template, names, unresolved);
                }

                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    CheckReferences(child, template, names, unresolved);
                }

                break;
        }
    }

    private static void CheckGetAtt(JsonNode? value, StackTemplate template)
    {
        var (resource, attribute) = value switch
        {
            JsonArray { Count: 2 } pair => (pair[0]?.ToString() ?? "", pair[1] is JsonValue literal ? literal.ToString() : null),
            JsonValue dotted when dotted.ToString().IndexOf('.', StringComparison.Ordinal) is var dot and > 0 => (dotted.ToString()[..dot], dotted.ToString()[(dot + 1)..]),
            _ => throw new TemplateException("Template error: every Fn::GetAtt object requires two non-empty parameters"),
        };
        if (!template.Resources.TryGetValue(resource, out var target))
        {
            throw new TemplateException($"Template error: instance of Fn::GetAtt references undefined resource {resource}");
        }

        if (attribute is not null && ResourceTypeCatalog.Find(target.Type) is { } schema && !schema.HasAttribute(attribute))
        {
            throw new TemplateException($"Template error: resource {resource} does not support attribute type {attribute} in Fn::GetAtt");
        }
    }

    private static void CheckConditionReferences(JsonNode? node, StackTemplate template, HashSet<string> resourceIds)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        TemplateEvaluator.CollectDependencies(node, resourceIds, found);
        if (found.Count > 0)
        {
            throw new TemplateException($"Template format error: Unresolved dependencies [{string.Join(", ", found)}]. Cannot reference resources in the Conditions block of the template");
        }
    }

    private static HashSet<string>? FindCycle(IReadOnlyDictionary<string, IReadOnlySet<string>> dependencies)
    {
        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var stack = new List<string>();
        HashSet<string>? Visit(string node)
        {
            state[node] = 1;
            stack.Add(node);
            foreach (var next in dependencies.GetValueOrDefault(node) ?? new HashSet<string>())
            {
                var mark = state.GetValueOrDefault(next);
                if (mark == 1)
                {
                    return stack.Skip(stack.IndexOf(next)).ToHashSet(StringComparer.Ordinal);
                }

                if (mark == 0 && Visit(next) is { } cycle)
                {
                    return cycle;
                }
            }

            stack.RemoveAt(stack.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in dependencies.Keys)
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }
}

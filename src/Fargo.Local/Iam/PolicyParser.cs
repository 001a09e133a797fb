using System.Globalization;
using System.Text.Json;

namespace Fargo.Local.Iam;

/// <summary>Reads a policy document's JSON, accepting the shapes AWS accepts (a statement or an array of them, a string or an array of strings) and naming what is wrong otherwise.</summary>
internal static class PolicyParser
{
    private static readonly HashSet<string> KnownStatementElements = new(StringComparer.Ordinal)
    {
        "Sid", "Effect", "Action", "NotAction", "Resource", "NotResource", "Principal", "NotPrincipal", "Condition",
    };

    public static PolicyDocument Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new MalformedPolicyException($"The policy is not valid JSON: {e.Message}");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedPolicyException("The policy must be a JSON object.");
            }

            string? version = null;
            if (root.TryGetProperty("Version", out var versionElement))
            {
                version = versionElement.ValueKind == JsonValueKind.String ? versionElement.GetString() : null;
                if (version is not ("2012-10-17" or "2008-10-17"))
                {
                    throw new MalformedPolicyException($"Version must be \"2012-10-17\" or \"2008-10-17\", not {versionElement.GetRawText()}.");
                }
            }

            if (!root.TryGetProperty("Statement", out var statementElement))
            {
                throw new MalformedPolicyException("The policy has no Statement.");
            }

            var statements = statementElement.ValueKind switch
            {
                JsonValueKind.Object => [ParseStatement(statementElement, 0)],
                JsonValueKind.Array => statementElement.EnumerateArray().Select(ParseStatement).ToList(),
                _ => throw new MalformedPolicyException("Statement must be an object or an array of objects."),
            };
            return new PolicyDocument(version, statements);
        }
    }

    private static PolicyStatement ParseStatement(JsonElement element, int index)
    {
        var where = $"Statement #{index + 1}";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPolicyException($"{where} must be an object.");
        }

        foreach (var property in element.EnumerateObject())
        {
            if (!KnownStatementElements.Contains(property.Name))
            {
                throw new MalformedPolicyException($"{where} has an unknown element \"{property.Name}\".");
            }
        }

        var sid = element.TryGetProperty("Sid", out var sidElement) ? RequireString(sidElement, $"{where} Sid") : null;
        var effect = element.TryGetProperty("Effect", out var effectElement) ? RequireString(effectElement, $"{where} Effect") : null;
        var parsedEffect = effect switch
        {
            "Allow" => StatementEffect.Allow,
            "Deny" => StatementEffect.Deny,
            null => throw new MalformedPolicyException($"{where} has no Effect."),
            _ => throw new MalformedPolicyException($"{where} Effect must be \"Allow\" or \"Deny\", not \"{effect}\"."),
        };

        var actions = OptionalStrings(element, "Action", where);
        var notActions = OptionalStrings(element, "NotAction", where);
        if ((actions is null) == (notActions is null))
        {
            throw new MalformedPolicyException($"{where} must have exactly one of Action and NotAction.");
        }

        foreach (var action in (actions ?? notActions)!)
        {
            if (action != "*" && action.Split(':') is not [{ Length: > 0 }, { Length: > 0 }])
            {
                throw new MalformedPolicyException($"{where} has an invalid action \"{action}\": an action is \"*\" or \"service:Action\".");
            }
        }

        var resources = OptionalStrings(element, "Resource", where);
        var notResources = OptionalStrings(element, "NotResource", where);
        if (resources is not null && notResources is not null)
        {
            throw new MalformedPolicyException($"{where} cannot have both Resource and NotResource.");
        }

        var principal = element.TryGetProperty("Principal", out var principalElement) ? ParsePrincipal(principalElement, $"{where} Principal") : null;
        var notPrincipal = element.TryGetProperty("NotPrincipal", out var notPrincipalElement) ? ParsePrincipal(notPrincipalElement, $"{where} NotPrincipal") : null;
        if (principal is not null && notPrincipal is not null)
        {
            throw new MalformedPolicyException($"{where} cannot have both Principal and NotPrincipal.");
        }

        var conditions = element.TryGetProperty("Condition", out var conditionElement) ? ParseConditions(conditionElement, where) : [];
        return new PolicyStatement(index, sid, parsedEffect, actions, notActions, resources, notResources, principal, notPrincipal, conditions);
    }

    private static PrincipalSet ParsePrincipal(JsonElement element, string where)
    {
        if (element.ValueKind == JsonValueKind.String)
        {
            return element.GetString() == "*"
                ? new PrincipalSet(true, [], [], [])
                : throw new MalformedPolicyException($"{where} must be \"*\" or an object such as {{\"AWS\": ...}}.");
        }

        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPolicyException($"{where} must be \"*\" or an object.");
        }

        List<string> aws = [], services = [], federated = [];
        foreach (var property in element.EnumerateObject())
        {
            var values = Strings(property.Value, $"{where} {property.Name}");
            var target = property.Name switch
            {
                "AWS" => aws,
                "Service" => services,
                "Federated" => federated,
                "CanonicalUser" => [],
                _ => throw new MalformedPolicyException($"{where} has an unknown principal type \"{property.Name}\"."),
            };
            target.AddRange(values);
        }

        return new PrincipalSet(aws.Remove("*"), aws, services, federated);
    }

    private static List<PolicyCondition> ParseConditions(JsonElement element, string where)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MalformedPolicyException($"{where} Condition must be an object of operators.");
        }

        var conditions = new List<PolicyCondition>();
        foreach (var operatorProperty in element.EnumerateObject())
        {
            if (operatorProperty.Value.ValueKind != JsonValueKind.Object)
            {
                throw new MalformedPolicyException($"{where} Condition operator \"{operatorProperty.Name}\" must map condition keys to values.");
            }

            foreach (var keyProperty in operatorProperty.Value.EnumerateObject())
            {
                var values = keyProperty.Value.ValueKind == JsonValueKind.Array
                    ? keyProperty.Value.EnumerateArray().Select(value => ConditionValue(value, where)).ToList()
                    : [ConditionValue(keyProperty.Value, where)];
                conditions.Add(new PolicyCondition(operatorProperty.Name, keyProperty.Name, values));
            }
        }

        return conditions;
    }

    // AWS accepts booleans and numbers as condition values and compares their text.
    private static string ConditionValue(JsonElement value, string where) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.True => "true",
        JsonValueKind.False => "false",
        JsonValueKind.Number => value.GetRawText(),
        _ => throw new MalformedPolicyException($"{where} has a condition value that is not a string, number or boolean: {value.GetRawText()}."),
    };

    private static List<string>? OptionalStrings(JsonElement statement, string name, string where) =>
        statement.TryGetProperty(name, out var element) ? Strings(element, $"{where} {name}") : null;

    private static List<string> Strings(JsonElement element, string where)
    {
        var values = element.ValueKind switch
        {
            JsonValueKind.String => [element.GetString()!],
            JsonValueKind.Array => element.EnumerateArray().Select(item => RequireString(item, where)).ToList(),
            _ => throw new MalformedPolicyException($"{where} must be a string or an array of strings."),
        };
        return values.Count > 0 ? values : throw new MalformedPolicyException($"{where} must not be empty.");
    }

    private static string RequireString(JsonElement element, string where) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new MalformedPolicyException(string.Create(CultureInfo.InvariantCulture, $"{where} must be a string, not {element.ValueKind}."));
}

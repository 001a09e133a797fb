using System.Text.Json.Nodes;

namespace Fargo.Deploy.TaskDefinitions;

/// <summary>One difference between two JSON documents: where, what it was and what it becomes (null = absent).</summary>
public sealed record JsonChange(string Path, string? Before, string? After)
{
    public string Kind => Before is null ? "added" : After is null ? "removed" : "changed";

    public override string ToString() => Kind switch
    {
        "added" => $"+ {Path}: {After}",
        "removed" => $"- {Path}: {Before}",
        _ => $"~ {Path}: {Before} → {After}",
    };
}

/// <summary>
/// The differences between two JSON documents as paths people can read: objects by member name, lists of named items
/// (containers, environment variables, secrets, tags) by their name, other lists by position.
/// </summary>
public static class JsonDiff
{
    private static readonly string[] IdentityKeys = ["name", "key", "containerPort"];

    public static IReadOnlyList<JsonChange> Compare(JsonNode? before, JsonNode? after)
    {
        var changes = new List<JsonChange>();
        Walk("", before, after, changes);
        return changes;
    }

    private static void Walk(string path, JsonNode? before, JsonNode? after, List<JsonChange> changes)
    {
        if (JsonNode.DeepEquals(before, after))
        {
            return;
        }

        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                foreach (var key in a.Select(p => p.Key).Union(b.Select(p => p.Key), StringComparer.Ordinal).Order(StringComparer.Ordinal))
                {
                    Walk(Join(path, key), a[key], b[key], changes);
                }

                return;
            case (JsonArray a, JsonArray b) when IdentityOf(a, b) is { } identity:
                var left = a.OfType<JsonObject>().ToDictionary(o => o[identity]!.ToJsonString(), StringComparer.Ordinal);
                var right = b.OfType<JsonObject>().ToDictionary(o => o[identity]!.ToJsonString(), StringComparer.Ordinal);
                foreach (var id in left.Keys.Union(right.Keys, StringComparer.Ordinal))
                {
                    var label = Label(id);
                    Walk($"{path}[{label}]", left.GetValueOrDefault(id), right.GetValueOrDefault(id), changes);
                }

                return;
            case (JsonArray a, JsonArray b) when a.All(i => i is JsonObject) && b.All(i => i is JsonObject):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    Walk($"{path}[{i}]", i < a.Count ? a[i] : null, i < b.Count ? b[i] : null, changes);
                }

                return;
            default:
                changes.Add(new JsonChange(path.Length == 0 ? "(document)" : path, Text(before), Text(after)));
                return;
        }
    }

    // The member that names the items of both lists, when every item has a distinct one.
    private static string? IdentityOf(JsonArray a, JsonArray b)
    {
        var items = a.Concat(b).ToList();
        if (items.Count == 0 || !items.All(i => i is JsonObject))
        {
            return null;
        }

        return IdentityKeys.FirstOrDefault(key =>
            items.All(i => i![key] is JsonValue)
            && a.Select(i => i![key]!.ToJsonString()).Distinct(StringComparer.Ordinal).Count() == a.Count
            && b.Select(i => i![key]!.ToJsonString()).Distinct(StringComparer.Ordinal).Count() == b.Count);
    }

    private static string Label(string jsonValue) =>
        jsonValue.Length >= 2 && jsonValue[0] == '"' ? jsonValue[1..^1] : jsonValue;

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string? Text(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        _ => node.ToJsonString(),
    };
}

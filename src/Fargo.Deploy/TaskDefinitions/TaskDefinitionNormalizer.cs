using System.Text.Json;
using System.Text.Json.Nodes;
using Fargo.Aws.Ecs;

namespace Fargo.Deploy.TaskDefinitions;

/// <summary>
/// Brings a task definition to one canonical JSON form, whether it is a RegisterTaskDefinition request Fargo is about
/// to send or a revision ECS describes, so that "nothing changed" means nothing a deploy would change:
/// only what a registration sets is kept (not the ARN, revision, status, registeredAt, compatibilities…), AWS's
/// defaults are dropped (container cpu 0, essential true, hostPort equal to containerPort, protocol tcp, empty lists),
/// and lists whose order does not matter (environment, secrets, tags) are sorted.
/// </summary>
public static class TaskDefinitionNormalizer
{
    // The members of RegisterTaskDefinitionRequest: what a deploy decides. Everything else ECS reports is ECS's own.
    private static readonly HashSet<string> RegistrationMembers = new(StringComparer.Ordinal)
    {
        "family", "taskRoleArn", "executionRoleArn", "networkMode", "containerDefinitions", "volumes", "placementConstraints",
        "requiresCompatibilities", "cpu", "memory", "tags", "pidMode", "ipcMode", "proxyConfiguration", "inferenceAccelerators",
        "ephemeralStorage", "runtimePlatform",
    };

    private static readonly HashSet<string> UnorderedByName = new(StringComparer.Ordinal) { "environment", "secrets", "environmentFiles" };

    public static JsonObject Normalize(RegisterTaskDefinitionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var node = JsonSerializer.SerializeToNode(request, EcsJsonContext.Default.RegisterTaskDefinitionRequest)!.AsObject();
        return Canonical(node);
    }

    /// <summary>A described revision; <paramref name="tags"/> are DescribeTaskDefinition's tags (asked for with include TAGS).</summary>
    public static JsonObject Normalize(TaskDefinition definition, IReadOnlyList<Tag>? tags)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var node = JsonSerializer.SerializeToNode(definition, EcsJsonContext.Default.TaskDefinition)!.AsObject();
        if (tags is { Count: > 0 })
        {
            node["tags"] = new JsonArray([.. tags.Select(t => JsonSerializer.SerializeToNode(t, EcsJsonContext.Default.Tag))]);
        }

        return Canonical(node);
    }

    /// <summary>Whether two normalized task definitions are the same.</summary>
    public static bool AreEquivalent(JsonObject a, JsonObject b) => JsonNode.DeepEquals(a, b);

    private static JsonObject Canonical(JsonObject node)
    {
        var result = new JsonObject();
        foreach (var (key, value) in node.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (!RegistrationMembers.Contains(key) || Prune(value?.DeepClone(), key) is not { } kept)
            {
                continue;
            }

            result[key] = key switch
            {
                "containerDefinitions" => ContainerDefinitions(kept.AsArray(), node["networkMode"]?.GetValue<string>()),
                "tags" => SortBy(kept.AsArray(), "key"),
                "requiresCompatibilities" => new JsonArray([.. kept.AsArray().Select(v => v!.DeepClone()).OrderBy(v => v!.ToJsonString(), StringComparer.Ordinal)]),
                _ => kept,
            };
        }

        return result;
    }

    private static JsonArray ContainerDefinitions(JsonArray containers, string? networkMode)
    {
        var result = new JsonArray();
        foreach (var container in containers.OfType<JsonObject>().OrderBy(c => c["name"]?.GetValue<string>(), StringComparer.Ordinal))
        {
            var copy = new JsonObject();
            foreach (var (key, value) in container.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (value is null || IsContainerDefault(key, value))
                {
                    continue;
                }

                copy[key] = key switch
                {
                    _ when UnorderedByName.Contains(key) => SortBy(value.AsArray(), "name"),
                    "portMappings" => PortMappings(value.AsArray(), networkMode),
                    _ => value.DeepClone(),
                };
            }

            result.Add(copy);
        }

        return result;
    }

    private static JsonArray PortMappings(JsonArray mappings, string? networkMode)
    {
        var result = new JsonArray();
        foreach (var mapping in mappings.OfType<JsonObject>())
        {
            var copy = (JsonObject)mapping.DeepClone();
            // With awsvpc the host port is the container port; ECS reports it even when it was not given.
            if ((networkMode is null or "awsvpc") && copy["hostPort"]?.ToJsonString() == copy["containerPort"]?.ToJsonString())
            {
                copy.Remove("hostPort");
            }

            if (copy["protocol"]?.GetValue<string>() == "tcp")
            {
                copy.Remove("protocol");
            }

            result.Add(copy);
        }

        return result;
    }

    private static bool IsContainerDefault(string key, JsonNode value) => key switch
    {
        "cpu" => value.GetValueKind() == JsonValueKind.Number && value.GetValue<int>() == 0,
        "essential" => value.GetValueKind() == JsonValueKind.True,
        _ => false,
    };

    private static JsonArray SortBy(JsonArray items, string key) =>
        new([.. items.Select(i => i!.DeepClone()).OrderBy(i => i![key]?.ToJsonString(), StringComparer.Ordinal)]);

    /// <summary>Drops nulls, empty lists and empty objects, all the way down. Null when nothing is left.</summary>
    private static JsonNode? Prune(JsonNode? node, string key)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject obj:
                var pruned = new JsonObject();
                foreach (var (k, v) in obj.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    if (Prune(v?.DeepClone(), k) is { } kept)
                    {
                        pruned[k] = kept;
                    }
                }

                return pruned.Count == 0 ? null : pruned;
            case JsonArray array:
                var items = new JsonArray();
                foreach (var item in array)
                {
                    if (Prune(item?.DeepClone(), key) is { } kept)
                    {
                        items.Add(kept);
                    }
                }

                return items.Count == 0 ? null : items;
            default:
                return node;
        }
    }
}

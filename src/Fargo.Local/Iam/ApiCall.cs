using System.Text.Json;

namespace Fargo.Local.Iam;

/// <summary>
/// What authorization needs of one API request: the service's IAM prefix and the action, the names the request gives
/// (one set per resource it touches: GetParameters names several), the ARNs it gives, the tags it creates with, and the
/// roles it passes to a service (with the service they are passed to).
/// </summary>
internal sealed record ApiCall(
    string ServicePrefix,
    string ActionName,
    IReadOnlyList<IReadOnlyDictionary<string, string>> Names,
    IReadOnlyList<string> Arns,
    IReadOnlyList<KeyValuePair<string, string>> Tags,
    IReadOnlyList<(string RoleArn, string Service)> PassedRoles)
{
    /// <summary>Operations that create an ECS resource and take tags for it, which AWS authorizes as ecs:TagResource too (tag-on-create).</summary>
    private static readonly HashSet<string> EcsTagOnCreate = new(StringComparer.Ordinal)
    {
        "CreateCluster", "CreateService", "RegisterTaskDefinition", "RunTask", "StartTask", "CreateCapacityProvider", "CreateTaskSet",
    };

    /// <summary>Request members that name several resources, and the member that names one of them.</summary>
    private static readonly (string Plural, string Singular)[] ListMembers =
        [("Names", "Name"), ("services", "service"), ("tasks", "task"), ("clusters", "cluster"), ("repositoryNames", "repositoryName")];

    /// <summary>Request members that carry the names of the resource ARN formats' variables.</summary>
    private static readonly Dictionary<string, string[]> VariableMembers = new(StringComparer.Ordinal)
    {
        ["ClusterName"] = ["cluster", "clusterName"],
        ["ServiceName"] = ["service", "serviceName"],
        ["TaskId"] = ["task"],
        ["RepositoryName"] = ["repositoryName"],
        ["ParameterNameWithoutLeadingSlash"] = ["Name", "Path"],
        ["LogGroupName"] = ["logGroupName", "logGroupIdentifier"],
        ["LogStreamName"] = ["logStreamName"],
        ["StackName"] = ["StackName"],
        ["RoleNameWithPath"] = ["RoleName"],
        ["SecretId"] = ["SecretId"],
    };

    public bool CreatesEcsTags => ServicePrefix == "ecs" && Tags.Count > 0 && EcsTagOnCreate.Contains(ActionName);

    /// <summary>A JSON 1.1 request: the names, ARNs, tags and passed roles in its body.</summary>
    public static ApiCall FromJson(string servicePrefix, string operation, ReadOnlyMemory<byte> body)
    {
        using var document = JsonDocument.Parse(body.IsEmpty ? "{}"u8.ToArray() : body);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            return new ApiCall(servicePrefix, operation, [Variables(servicePrefix, new Dictionary<string, string>())], [], [], []);
        }

        var members = root.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String)
            .ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
        var names = new List<IReadOnlyDictionary<string, string>>();
        if (ListMembers.FirstOrDefault(m => root.TryGetProperty(m.Plural, out var list) && list.ValueKind == JsonValueKind.Array) is { Plural: not null } many)
        {
            // A request on several resources (SSM's GetParameters, ECS's DescribeServices): each is authorized on its own.
            names.AddRange(root.GetProperty(many.Plural).EnumerateArray()
                .Select(n => Variables(servicePrefix, new Dictionary<string, string>(members) { [many.Singular] = n.GetString() ?? "" })));
        }
        else
        {
            names.Add(Variables(servicePrefix, members));
        }

        var passed = new List<(string, string)>();
        if (servicePrefix == "ecs")
        {
            foreach (var member in new[] { "taskRoleArn", "executionRoleArn" })
            {
                foreach (var holder in new[] { root, root.TryGetProperty("overrides", out var o) ? o : default })
                {
                    if (holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty(member, out var role) && role.GetString() is { Length: > 0 } arn)
                    {
                        passed.Add((arn, "ecs-tasks.amazonaws.com"));
                    }
                }
            }

            if (operation == "CreateService" && members.TryGetValue("role", out var serviceRole) && serviceRole.Length > 0)
            {
                passed.Add((serviceRole, "ecs.amazonaws.com"));
            }
        }

        return new ApiCall(servicePrefix, operation, names, [.. members.Values.Where(v => v.StartsWith("arn:", StringComparison.Ordinal))], ReadTags(root), passed);
    }

    /// <summary>A Query request (STS, ELBv2, CloudFormation): the names and ARNs in its parameters.</summary>
    public static ApiCall FromQuery(string servicePrefix, string action, IReadOnlyDictionary<string, string> parameters) =>
        new(servicePrefix, action, [Variables(servicePrefix, parameters)], [.. parameters.Values.Where(v => v.StartsWith("arn:", StringComparison.Ordinal))], [], []);

    private static Dictionary<string, string> Variables(string servicePrefix, IReadOnlyDictionary<string, string> members)
    {
        var variables = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (variable, candidates) in VariableMembers)
        {
            if (candidates.Select(members.GetValueOrDefault).FirstOrDefault(v => !string.IsNullOrEmpty(v)) is { } value)
            {
                // A member may hold an ARN or a name: the ARN's last part is the name.
                variables[variable] = variable switch
                {
                    "ParameterNameWithoutLeadingSlash" => value.TrimStart('/'),
                    _ when value.StartsWith("arn:", StringComparison.Ordinal) && variable != "SecretId" => value[(value.LastIndexOf('/') + 1)..],
                    _ => value,
                };
            }
        }

        if (servicePrefix == "ecs")
        {
            variables.TryAdd("ClusterName", "default");
            var definition = members.GetValueOrDefault("taskDefinition") ?? members.GetValueOrDefault("family");
            if (definition is not null)
            {
                var familyRevision = definition[(definition.LastIndexOf('/') + 1)..].Split(':');
                variables["TaskDefinitionFamilyName"] = familyRevision[0];
                if (familyRevision.Length > 1)
                {
                    variables["TaskDefinitionRevisionNumber"] = familyRevision[1];
                }
            }
        }

        return variables;
    }

    private static List<KeyValuePair<string, string>> ReadTags(JsonElement root)
    {
        foreach (var member in new[] { "tags", "Tags" })
        {
            if (root.TryGetProperty(member, out var tags) && tags.ValueKind == JsonValueKind.Array)
            {
                return tags.EnumerateArray()
                    .Where(t => t.ValueKind == JsonValueKind.Object)
                    .Select(t => new KeyValuePair<string, string>(Member(t, "key", "Key"), Member(t, "value", "Value")))
                    .ToList();
            }
        }

        return [];
    }

    private static string Member(JsonElement element, string camel, string pascal) =>
        (element.TryGetProperty(camel, out var value) || element.TryGetProperty(pascal, out value)) && value.ValueKind == JsonValueKind.String ? value.GetString()! : "";
}

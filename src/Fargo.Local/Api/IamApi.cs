using System.Security.Cryptography;
using System.Text;
using Fargo.Aws;
using Fargo.Aws.Protocols;
using Fargo.Local.Iam;

namespace Fargo.Local.Api;

/// <summary>
/// IAM's inspection calls on the roles, policies and OIDC providers the templates made (awsQuery, XML): GetRole,
/// ListRolePolicies, GetRolePolicy, ListAttachedRolePolicies, GetPolicy, GetPolicyVersion, GetOpenIDConnectProvider,
/// ListOpenIDConnectProviders, and SimulatePrincipalPolicy, which runs the local evaluator on a role's policies. Policy documents are URL-encoded, as IAM returns them.
/// </summary>
internal static class IamApi
{
    public static AwsServiceDescription Service => AwsServices.Iam;

    public static QueryOperationTable Create(IamStore iam)
    {
        var json = IamShapesJsonContext.Default;
        return new QueryOperationTable(Service)
            .Add("GetRole", json.GetRoleResult, p => new GetRoleResult(Shape(Role(iam, p))))
            .Add("ListRolePolicies", json.ListRolePoliciesResult, p => new ListRolePoliciesResult([.. Role(iam, p).InlinePolicies.Select(i => i.Name).Order(StringComparer.Ordinal)], false))
            .Add("GetRolePolicy", json.GetRolePolicyResult, p =>
            {
                var role = Role(iam, p);
                var name = Required(p, "PolicyName");
                var policy = role.InlinePolicies.FirstOrDefault(i => i.Name == name)
                    ?? throw NoSuchEntity($"The role policy with name {name} cannot be found.");
                return new GetRolePolicyResult(role.Name, policy.Name, Uri.EscapeDataString(policy.Document));
            })
            .Add("ListAttachedRolePolicies", json.ListAttachedRolePoliciesResult, p =>
                new ListAttachedRolePoliciesResult([.. Role(iam, p).ManagedPolicyArns.Select(a => new AttachedPolicyShape(a[(a.LastIndexOf('/') + 1)..], a))], false))
            .Add("GetPolicy", json.GetPolicyResult, p => new GetPolicyResult(Policy(iam, Required(p, "PolicyArn")).Shape))
            .Add("GetPolicyVersion", json.GetPolicyVersionResult, p =>
            {
                var (shape, document) = Policy(iam, Required(p, "PolicyArn"));
                var version = Required(p, "VersionId");
                return version == shape.DefaultVersionId
                    ? new GetPolicyVersionResult(new PolicyVersionShape(Uri.EscapeDataString(document), version, true, shape.CreateDate))
                    : throw NoSuchEntity($"Policy {shape.Arn} version {version} does not exist or is not attachable.");
            })
            .Add("SimulatePrincipalPolicy", json.SimulatePrincipalPolicyResult, p => Simulate(iam, p))
            .Add("GetOpenIDConnectProvider", json.GetOpenIDConnectProviderResult, p =>
            {
                var arn = Required(p, "OpenIDConnectProviderArn");
                var provider = iam.OidcProvider(arn) ?? throw NoSuchEntity($"OpenIDConnect Provider not found for arn {arn}");
                return new GetOpenIDConnectProviderResult(provider.Url, provider.ClientIds, provider.Thumbprints, provider.CreateDate);
            })
            .Add("ListOpenIDConnectProviders", json.ListOpenIDConnectProvidersResult, _ =>
                new ListOpenIDConnectProvidersResult([.. iam.OidcProviders().Select(provider => new OpenIDConnectProviderListEntryShape(provider.Arn))]));
    }

    private static SimulatePrincipalPolicyResult Simulate(IamStore iam, AwsQueryParameters p)
    {
        var source = Required(p, "PolicySourceArn");
        var role = iam.RoleByArn(source) ?? throw new LocalServiceException("InvalidInput", $"Invalid Entity Arn: {source} does not clearly define entity type and name.");
        var actions = p.GetStringList("ActionNames") ?? throw new LocalServiceException("ValidationError", "1 validation error detected: Value null at 'actionNames' failed to satisfy constraint: Member must not be null");
        var resources = p.GetStringList("ResourceArns") is { Count: > 0 } given ? given : ["*"];
        var policies = iam.PoliciesOf(role, null);
        var contextEntries = ContextEntries(p);
        var results = new List<EvaluationResultShape>();
        foreach (var action in actions)
        {
            foreach (var resource in resources)
            {
                var context = RequestContext.Empty.With("aws:PrincipalArn", role.Arn).With("aws:PrincipalAccount", LocalRegionConstants.Account);
                foreach (var entry in contextEntries)
                {
                    _ = entry.IsList ? context.WithSet(entry.Key, entry.Values) : context.With(entry.Key, entry.Values.Count > 0 ? entry.Values[0] : "");
                }

                var decision = PolicyEvaluator.Evaluate(policies, new AuthorizationRequest(role.Arn, action, resource, context));
                var outcome = decision.Outcome switch
                {
                    DecisionOutcome.Allowed => "allowed",
                    DecisionOutcome.ExplicitlyDenied => "explicitDeny",
                    _ => "implicitDeny",
                };
                List<StatementShape> matched = decision.DecidingStatement is { } statement ? [new StatementShape(statement.Policy, SourceType(iam, statement))] : [];
                var boundary = policies.PermissionsBoundary is null ? null
                    : new PermissionsBoundaryDecisionShape(!decision.Reason.Contains("permissions boundary", StringComparison.Ordinal));
                results.Add(new EvaluationResultShape(action, resource, outcome, matched, [], boundary));
            }
        }

        return new SimulatePrincipalPolicyResult(results, false);
    }

    /// <summary>ContextEntries.member.N: a key, its value(s), and its type (a *List type makes a multivalued key).</summary>
    private static List<(string Key, IReadOnlyList<string> Values, bool IsList)> ContextEntries(AwsQueryParameters p) =>
        [.. (p.GetListItemPrefixes("ContextEntries") ?? [])
            .Where(prefix => p.Get(prefix + ".ContextKeyName") is { Length: > 0 })
            .Select(prefix => (
                p.Get(prefix + ".ContextKeyName")!,
                p.GetStringList(prefix + ".ContextKeyValues") ?? [],
                (p.Get(prefix + ".ContextKeyType") ?? "").EndsWith("List", StringComparison.Ordinal)))];

    private static string SourceType(IamStore iam, StatementReference statement) => statement.Kind switch
    {
        PolicyKind.ResourceBased => "resource",
        _ when !statement.Policy.StartsWith("arn:", StringComparison.Ordinal) => "role",
        _ when iam.CustomerManagedPolicy(statement.Policy) is not null => "user-managed",
        _ => "aws-managed",
    };

    private static RoleShape Shape(RoleRecord role) =>
        new(role.Path, role.Name, role.RoleId, role.Arn, role.CreateDate, Uri.EscapeDataString(role.AssumeRolePolicyDocument), role.Description, role.MaxSessionDuration,
            role.PermissionsBoundary is { } boundary ? new PermissionsBoundaryShape("Policy", boundary) : null);

    private static RoleRecord Role(IamStore iam, AwsQueryParameters p)
    {
        var name = Required(p, "RoleName");
        return iam.Role(name) ?? throw NoSuchEntity($"The role with name {name} cannot be found.");
    }

    private static (PolicyShape Shape, string Document) Policy(IamStore iam, string arn)
    {
        if (iam.CustomerManagedPolicy(arn) is { } policy)
        {
            return (new PolicyShape(policy.Name, policy.PolicyId, policy.Arn, policy.Path, "v1", 0, 0, true, policy.Description, policy.CreateDate, policy.CreateDate), policy.Document);
        }

        var document = iam.ManagedPolicyDocument(arn) ?? throw NoSuchEntity($"Policy {arn} does not exist or is not attachable.");
        var path = arn[(arn.IndexOf(":policy", StringComparison.Ordinal) + ":policy".Length)..];
        var name = path[(path.LastIndexOf('/') + 1)..];
        // The local region does not know when AWS made its managed policies, nor their ids: a stable id derived from the ARN.
        var id = "ANPA" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(arn)))[..17];
        return (new PolicyShape(name, id, arn, path[..(path.LastIndexOf('/') + 1)], "v1", 0, 0, true, null, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch), document);
    }

    private static string Required(AwsQueryParameters p, string name) =>
        p.Get(name) is { Length: > 0 } value
            ? value
            : throw new LocalServiceException("ValidationError", $"1 validation error detected: Value null at '{char.ToLowerInvariant(name[0])}{name[1..]}' failed to satisfy constraint: Member must not be null");

    private static LocalServiceException NoSuchEntity(string message) => new("NoSuchEntity", message, 404);
}

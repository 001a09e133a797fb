using Fargo.Aws;
using Fargo.Aws.Iam;
using Fargo.Deploy.Aws;

namespace Fargo.Deploy.Operations;

/// <summary>A condition key and the one value a grant's condition needs (e.g. ecs:CreateAction = RegisterTaskDefinition).</summary>
public sealed record RequiredContext(string Key, string Value);

/// <summary>Actions a role must be allowed on resources, in the request context the grant's condition needs.</summary>
public sealed record RequiredGrant(IReadOnlyList<string> Actions, IReadOnlyList<string> Resources, RequiredContext? Context = null);

/// <summary>A CI role of the environment (e.g. "deploy role") and everything the pipeline needs it to be allowed.</summary>
public sealed record CiRole(string Name, string Arn, IReadOnlyList<RequiredGrant> Grants);

/// <summary>The CI roles `fargo verify` checks, or why there are none to check.</summary>
public sealed record CiRoles(IReadOnlyList<CiRole> Roles, string? Absent)
{
    public static CiRoles None(string why) => new([], why);

    public static CiRoles Of(params CiRole[] roles) => new(roles, null);
}

/// <summary>
/// `fargo verify`'s "roles" check: IAM's SimulatePrincipalPolicy on each CI role, one simulation per grant (its actions on
/// its resources, with the context its condition needs), following every page. Each action the simulation does not allow
/// is reported as "ACTION on RESOURCE".
/// </summary>
public static class CiRoleCheck
{
    public const string Name = "roles";

    public static async Task<PreflightCheck> RunAsync(IIamApi? iam, CiRoles roles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(roles);
        if (roles.Absent is { } why)
        {
            return new(Name, CheckStatus.NotChecked, why);
        }

        if (iam is null)
        {
            return new(Name, CheckStatus.NotChecked, "no IAM client to simulate the roles' policies with");
        }

        var denied = new List<string>();
        var checkedCount = 0;
        foreach (var role in roles.Roles)
        {
            var missing = new List<string>();
            foreach (var permission in role.Grants)
            {
                try
                {
                    await foreach (var page in iam.SimulatePrincipalPolicyPagesAsync(Request(role, permission), cancellationToken))
                    {
                        foreach (var result in page.EvaluationResults ?? [])
                        {
                            checkedCount += result.ResourceSpecificResults is { Count: > 0 } perResource ? perResource.Count : 1;
                            missing.AddRange(Denials(result));
                        }
                    }
                }
                catch (AwsServiceException e) when (e.Code is "AccessDenied" or "AccessDeniedException")
                {
                    return new(Name, CheckStatus.NotChecked,
                        $"the caller may not call iam:SimulatePrincipalPolicy on the {role.Name} ({role.Arn}): {e.Message}");
                }
                catch (AwsServiceException e) when (e.Code is "NoSuchEntity" or "InvalidInput")
                {
                    denied.Add($"the {role.Name} {role.Arn} could not be simulated ({e.Code}: {e.Message}); does it exist?");
                    missing.Clear();
                    break;
                }
            }

            if (missing.Count > 0)
            {
                denied.Add($"the {role.Name} ({role.Arn}) may not: {string.Join(", ", missing.Distinct(StringComparer.Ordinal))}");
            }
        }

        var names = string.Join(" and ", roles.Roles.Select(r => r.Name));
        return denied.Count == 0
            ? new(Name, CheckStatus.Passed, $"all {checkedCount} (action, resource) pairs the pipeline needs are allowed for the {names}")
            : new(Name, CheckStatus.Failed, string.Join("; ", denied));
    }

    /// <summary>The simulation of one grant: its actions on its resources, with its condition's key and value as the request context.</summary>
    public static SimulatePrincipalPolicyRequest Request(CiRole role, RequiredGrant permission)
    {
        ArgumentNullException.ThrowIfNull(role);
        ArgumentNullException.ThrowIfNull(permission);
        return new SimulatePrincipalPolicyRequest
        {
            PolicySourceArn = role.Arn,
            ActionNames = permission.Actions,
            ResourceArns = permission.Resources,
            ContextEntries = permission.Context is { } context
                ? [new ContextEntry { ContextKeyName = context.Key, ContextKeyValues = [context.Value], ContextKeyType = ContextKeyType.String }]
                : null,
        };
    }

    /// <summary>"ACTION on RESOURCE" for each resource the result does not allow (per resource where IAM answers per resource).</summary>
    private static IEnumerable<string> Denials(EvaluationResult result)
    {
        if (result.ResourceSpecificResults is { Count: > 0 } perResource)
        {
            return perResource
                .Where(r => r.EvalResourceDecision != PolicyEvaluationDecisionType.Allowed)
                .Select(r => Denial(result.EvalActionName, r.EvalResourceName, r.EvalResourceDecision));
        }

        return result.EvalDecision == PolicyEvaluationDecisionType.Allowed
            ? []
            : [Denial(result.EvalActionName, result.EvalResourceName ?? "*", result.EvalDecision)];
    }

    private static string Denial(string action, string resource, PolicyEvaluationDecisionType decision) =>
        decision == PolicyEvaluationDecisionType.ExplicitDeny ? $"{action} on {resource} (explicitly denied)" : $"{action} on {resource}";
}

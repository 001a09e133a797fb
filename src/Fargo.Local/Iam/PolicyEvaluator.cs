namespace Fargo.Local.Iam;

/// <summary>
/// AWS's policy evaluation logic for a request within one account ("Policy evaluation logic" and "Permissions
/// boundaries for IAM entities" in the IAM User Guide):
/// <list type="number">
/// <item>an applicable Deny in any identity-based policy, resource-based policy or permissions boundary denies;</item>
/// <item>otherwise an Allow is needed in an identity-based policy, or a resource-based policy that names the caller,
/// its session's role, or everyone (naming only the account delegates to the identity-based policies);</item>
/// <item>a permissions boundary caps the identity-based Allow and a resource-based Allow that names the session's role;
/// a resource-based Allow that names the caller itself (its session or user ARN, or "*") is not capped.</item>
/// </list>
/// A condition operator the evaluator does not know never lets an Allow statement apply, and keeps a Deny statement
/// applying (AWS refuses such a policy outright, so failing closed is the faithful choice); either way the decision names it.
/// </summary>
internal static class PolicyEvaluator
{
    public static AuthorizationDecision Evaluate(PolicySet policies, AuthorizationRequest request)
    {
        var unknownOperators = new SortedSet<string>(StringComparer.Ordinal);
        var caller = CallerIdentity.Of(request.Principal);
        var hasBoundary = policies.PermissionsBoundary is not null;

        var identity = Analyze(policies.IdentityPolicies, PolicyKind.IdentityBased, request, unknownOperators);
        var boundary = Analyze(policies.PermissionsBoundary is { } b ? [b] : [], PolicyKind.PermissionsBoundary, request, unknownOperators);
        var resource = AnalyzeResourcePolicy(policies.ResourcePolicy, request, caller, hasBoundary, unknownOperators);

        var explicitDeny = identity.Deny ?? resource.Deny ?? boundary.Deny;
        if (explicitDeny is not null)
        {
            return Decide(DecisionOutcome.ExplicitlyDenied, $"explicit deny in a{(explicitDeny.Kind == PolicyKind.IdentityBased ? "n" : "")} {StatementReference.KindText(explicitDeny.Kind)}", explicitDeny);
        }

        var resourceGrants = resource.AllowMatch >= PrincipalMatch.SessionRole;
        if (identity.Allow is null && !resourceGrants)
        {
            return Decide(DecisionOutcome.ImplicitlyDenied, $"no identity-based policy allows the {request.Action} action", null);
        }

        if (hasBoundary && boundary.Allow is null)
        {
            return resource.AllowMatch == PrincipalMatch.Direct
                ? Decide(DecisionOutcome.Allowed, "a resource-based policy allows the caller directly", resource.Allow)
                : Decide(DecisionOutcome.ImplicitlyDenied, $"no permissions boundary allows the {request.Action} action", null);
        }

        var allow = identity.Allow ?? resource.Allow!;
        return Decide(DecisionOutcome.Allowed, $"{StatementReference.KindText(allow.Kind)} allows the {request.Action} action", allow);

        AuthorizationDecision Decide(DecisionOutcome outcome, string reason, StatementReference? statement) =>
            new(outcome, reason, statement, [.. unknownOperators]);
    }

    /// <summary>
    /// How directly an Allow of a resource-based policy that applies to the request names the caller; None when no Allow
    /// applies or a Deny does. A role's trust policy must grant sts:AssumeRole* itself, whatever the caller's own policies say.
    /// </summary>
    public static PrincipalMatch ResourcePolicyGrant(NamedPolicy policy, AuthorizationRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var analysis = AnalyzeResourcePolicy(policy, request, CallerIdentity.Of(request.Principal), hasBoundary: false, new HashSet<string>(StringComparer.Ordinal));
        return analysis.Deny is null ? analysis.AllowMatch : PrincipalMatch.None;
    }

    private sealed record Analysis(StatementReference? Allow, StatementReference? Deny, PrincipalMatch AllowMatch = PrincipalMatch.None);

    private static Analysis Analyze(IEnumerable<NamedPolicy> policies, PolicyKind kind, AuthorizationRequest request, ISet<string> unknownOperators)
    {
        StatementReference? allow = null, deny = null;
        foreach (var policy in policies)
        {
            foreach (var statement in policy.Document.Statements)
            {
                if (Applies(statement, request, unknownOperators))
                {
                    var reference = new StatementReference(kind, policy.Name, statement.Name);
                    if (statement.Effect == StatementEffect.Deny)
                    {
                        deny ??= reference;
                    }
                    else
                    {
                        allow ??= reference;
                    }
                }
            }
        }

        return new Analysis(allow, deny);
    }

    private static Analysis AnalyzeResourcePolicy(NamedPolicy? policy, AuthorizationRequest request, CallerIdentity caller, bool hasBoundary, ISet<string> unknownOperators)
    {
        StatementReference? allow = null, deny = null;
        var allowMatch = PrincipalMatch.None;
        foreach (var statement in policy?.Document.Statements ?? [])
        {
            var principalMatch = MatchPrincipal(statement, caller, hasBoundary);
            if (principalMatch == PrincipalMatch.None || !Applies(statement, request, unknownOperators))
            {
                continue;
            }

            var reference = new StatementReference(PolicyKind.ResourceBased, policy!.Name, statement.Name);
            if (statement.Effect == StatementEffect.Deny)
            {
                deny ??= reference;
            }
            else if (principalMatch > allowMatch)
            {
                (allow, allowMatch) = (reference, principalMatch);
            }
        }

        return new Analysis(allow, deny, allowMatch);
    }

    // AWS: a Deny with NotPrincipal always denies a principal that has a permissions boundary, whatever it lists.
    private static PrincipalMatch MatchPrincipal(PolicyStatement statement, CallerIdentity caller, bool hasBoundary) =>
        statement.Principal is { } principal ? caller.MatchIn(principal)
        : statement.NotPrincipal is { } notPrincipal
            ? (statement.Effect == StatementEffect.Deny && hasBoundary) || caller.MatchIn(notPrincipal) == PrincipalMatch.None ? PrincipalMatch.Direct : PrincipalMatch.None
        : PrincipalMatch.None;

    private static bool Applies(PolicyStatement statement, AuthorizationRequest request, ISet<string> unknownOperators)
    {
        if (!StatementMatcher.CoversActionAndResource(statement, request))
        {
            return false;
        }

        var unknownHere = new List<string>();
        var conditionsHold = ConditionEvaluator.AllHold(statement.Conditions, request.Context, unknownHere);
        unknownOperators.UnionWith(unknownHere);
        return unknownHere.Count > 0 ? statement.Effect == StatementEffect.Deny : conditionsHold;
    }
}

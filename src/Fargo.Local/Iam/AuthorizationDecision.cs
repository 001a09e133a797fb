namespace Fargo.Local.Iam;

internal enum DecisionOutcome
{
    Allowed,
    ExplicitlyDenied,
    ImplicitlyDenied,
}

internal enum PolicyKind
{
    IdentityBased,
    ResourceBased,
    PermissionsBoundary,
}

/// <summary>A statement that decided a request: which kind of policy, which policy, which statement (its Sid or #position).</summary>
internal sealed record StatementReference(PolicyKind Kind, string Policy, string Statement)
{
    public override string ToString() => $"statement {Statement} of {KindText(Kind)} {Policy}";

    public static string KindText(PolicyKind kind) => kind switch
    {
        PolicyKind.IdentityBased => "identity-based policy",
        PolicyKind.ResourceBased => "resource-based policy",
        _ => "permissions boundary",
    };
}

/// <summary>
/// The evaluator's answer and why: the deciding statement (for an allow or an explicit deny), the reason in AWS's
/// words ("no identity-based policy allows the ecs:TagResource action"), and the condition operators the evaluator did
/// not know in statements that would otherwise have applied.
/// </summary>
internal sealed record AuthorizationDecision(
    DecisionOutcome Outcome,
    string Reason,
    StatementReference? DecidingStatement,
    IReadOnlyList<string> UnknownOperators)
{
    public bool IsAllowed => Outcome == DecisionOutcome.Allowed;

    /// <summary>The message AWS gives with AccessDenied / AccessDeniedException for this denial.</summary>
    public string AccessDeniedMessage(AuthorizationRequest request)
    {
        var connector = Outcome == DecisionOutcome.ExplicitlyDenied ? "with an" : "because";
        var message = $"User: {request.Principal} is not authorized to perform: {request.Action} on resource: {request.Resource} {connector} {Reason}";
        return UnknownOperators.Count == 0 ? message : $"{message} (unsupported condition operator: {string.Join(", ", UnknownOperators)})";
    }
}

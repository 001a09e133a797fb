namespace Fargo.Local.Iam;

/// <summary>An IAM policy document as AWS reads it: a version and its statements.</summary>
internal sealed record PolicyDocument(string? Version, IReadOnlyList<PolicyStatement> Statements)
{
    /// <summary>Parses a policy from its JSON text; throws <see cref="MalformedPolicyException"/> on a document AWS would reject.</summary>
    public static PolicyDocument Parse(string json) => PolicyParser.Parse(json);
}

internal enum StatementEffect
{
    Allow,
    Deny,
}

/// <summary>
/// One statement. Exactly one of Action/NotAction is set; at most one of Resource/NotResource and of
/// Principal/NotPrincipal. <see cref="Index"/> is its position in the policy, which names it when it has no Sid.
/// </summary>
internal sealed record PolicyStatement(
    int Index,
    string? Sid,
    StatementEffect Effect,
    IReadOnlyList<string>? Actions,
    IReadOnlyList<string>? NotActions,
    IReadOnlyList<string>? Resources,
    IReadOnlyList<string>? NotResources,
    PrincipalSet? Principal,
    PrincipalSet? NotPrincipal,
    IReadOnlyList<PolicyCondition> Conditions)
{
    public string Name => Sid is { Length: > 0 } ? Sid : $"#{Index + 1}";
}

/// <summary>
/// The principals a resource policy's Principal or NotPrincipal names. <see cref="Everyone"/> is <c>"*"</c> (or
/// <c>{"AWS": "*"}</c>); the lists hold the values under "AWS", "Service" and "Federated".
/// </summary>
internal sealed record PrincipalSet(
    bool Everyone,
    IReadOnlyList<string> Aws,
    IReadOnlyList<string> Services,
    IReadOnlyList<string> Federated);

/// <summary>One operator/key pair of a Condition block, with its values (any one of which may match).</summary>
internal sealed record PolicyCondition(string Operator, string Key, IReadOnlyList<string> Values);

/// <summary>A policy document that AWS would refuse (MalformedPolicyDocument), with what is wrong.</summary>
internal sealed class MalformedPolicyException(string message) : Exception(message);

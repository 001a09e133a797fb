namespace Fargo.Aws.Iam;

/// <summary>One page of a simulation's results; <see cref="Marker"/> asks for the next while <see cref="IsTruncated"/>.</summary>
public sealed record SimulatePrincipalPolicyResponse
{
    public IReadOnlyList<EvaluationResult>? EvaluationResults { get; init; }

    public bool? IsTruncated { get; init; }

    public string? Marker { get; init; }
}

/// <summary>The decision for one action on one resource.</summary>
public sealed record EvaluationResult
{
    public required string EvalActionName { get; init; }

    public string? EvalResourceName { get; init; }

    public required PolicyEvaluationDecisionType EvalDecision { get; init; }

    public IReadOnlyList<Statement>? MatchedStatements { get; init; }

    public IReadOnlyList<string>? MissingContextValues { get; init; }

    public OrganizationsDecisionDetail? OrganizationsDecisionDetail { get; init; }

    public PermissionsBoundaryDecisionDetail? PermissionsBoundaryDecisionDetail { get; init; }

    public IReadOnlyDictionary<string, PolicyEvaluationDecisionType>? EvalDecisionDetails { get; init; }

    public IReadOnlyList<ResourceSpecificResult>? ResourceSpecificResults { get; init; }
}

/// <summary>The decision for one resource of an action simulated on several.</summary>
public sealed record ResourceSpecificResult
{
    public required string EvalResourceName { get; init; }

    public required PolicyEvaluationDecisionType EvalResourceDecision { get; init; }

    public IReadOnlyList<Statement>? MatchedStatements { get; init; }

    public IReadOnlyList<string>? MissingContextValues { get; init; }

    public IReadOnlyDictionary<string, PolicyEvaluationDecisionType>? EvalDecisionDetails { get; init; }

    public PermissionsBoundaryDecisionDetail? PermissionsBoundaryDecisionDetail { get; init; }
}

/// <summary>A policy statement that decided: which policy, of what kind, and where in it.</summary>
public sealed record Statement
{
    public string? SourcePolicyId { get; init; }

    public PolicySourceType? SourcePolicyType { get; init; }

    public Position? StartPosition { get; init; }

    public Position? EndPosition { get; init; }
}

/// <summary>A line and column in a policy document.</summary>
public sealed record Position
{
    public int? Line { get; init; }

    public int? Column { get; init; }
}

public sealed record OrganizationsDecisionDetail
{
    public bool? AllowedByOrganizations { get; init; }
}

public sealed record PermissionsBoundaryDecisionDetail
{
    public bool? AllowedByPermissionsBoundary { get; init; }
}

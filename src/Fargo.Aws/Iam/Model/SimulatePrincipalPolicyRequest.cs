namespace Fargo.Aws.Iam;

/// <summary>
/// Simulates the identity policies (and permissions boundary) of a user, group or role: each action in
/// <see cref="ActionNames"/> on each resource in <see cref="ResourceArns"/> (all resources, "*", when none), with the
/// request context <see cref="ContextEntries"/> gives the policies' conditions.
/// </summary>
public sealed record SimulatePrincipalPolicyRequest
{
    public required string PolicySourceArn { get; init; }

    public IReadOnlyList<string>? PolicyInputList { get; init; }

    public IReadOnlyList<string>? PermissionsBoundaryPolicyInputList { get; init; }

    public required IReadOnlyList<string> ActionNames { get; init; }

    public IReadOnlyList<string>? ResourceArns { get; init; }

    public string? ResourcePolicy { get; init; }

    public string? ResourceOwner { get; init; }

    public string? CallerArn { get; init; }

    public IReadOnlyList<ContextEntry>? ContextEntries { get; init; }

    public string? ResourceHandlingOption { get; init; }

    public int? MaxItems { get; init; }

    public string? Marker { get; init; }
}

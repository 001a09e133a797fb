namespace Fargo.Aws.Iam;

/// <summary>One condition key of a simulated request, e.g. ecs:CreateAction = RegisterTaskDefinition.</summary>
public sealed record ContextEntry
{
    public string? ContextKeyName { get; init; }

    public IReadOnlyList<string>? ContextKeyValues { get; init; }

    public ContextKeyType? ContextKeyType { get; init; }
}

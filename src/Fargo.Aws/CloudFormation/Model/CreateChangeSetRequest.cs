using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record CreateChangeSetRequest
{
    public required string StackName { get; init; }

    public string? TemplateBody { get; init; }

    public string? TemplateURL { get; init; }

    public bool? UsePreviousTemplate { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public IReadOnlyList<Capability>? Capabilities { get; init; }

    public IReadOnlyList<string>? ResourceTypes { get; init; }

    public string? RoleARN { get; init; }

    public RollbackConfiguration? RollbackConfiguration { get; init; }

    public IReadOnlyList<string>? NotificationARNs { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public required string ChangeSetName { get; init; }

    public string? ClientToken { get; init; }

    public string? Description { get; init; }

    public ChangeSetType? ChangeSetType { get; init; }

    public IReadOnlyList<ResourceToImport>? ResourcesToImport { get; init; }

    public bool? IncludeNestedStacks { get; init; }

    public OnStackFailure? OnStackFailure { get; init; }

    public bool? ImportExistingResources { get; init; }
}

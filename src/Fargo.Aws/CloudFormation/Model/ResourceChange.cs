using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ResourceChange
{
    public PolicyAction? PolicyAction { get; init; }

    public ChangeAction? Action { get; init; }

    public string? LogicalResourceId { get; init; }

    public string? PhysicalResourceId { get; init; }

    public string? ResourceType { get; init; }

    public Replacement? Replacement { get; init; }

    public IReadOnlyList<ResourceAttribute>? Scope { get; init; }

    public StackResourceDriftStatus? ResourceDriftStatus { get; init; }

    public IReadOnlyList<ResourceDriftIgnoredAttribute>? ResourceDriftIgnoredAttributes { get; init; }

    public IReadOnlyList<ResourceChangeDetail>? Details { get; init; }

    public string? ChangeSetId { get; init; }

    public ModuleInfo? ModuleInfo { get; init; }

    public string? BeforeContext { get; init; }

    public string? AfterContext { get; init; }

    public string? PreviousDeploymentContext { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ChangeSetSummary
{
    public string? StackId { get; init; }

    public string? StackName { get; init; }

    public string? ChangeSetId { get; init; }

    public string? ChangeSetName { get; init; }

    public ExecutionStatus? ExecutionStatus { get; init; }

    public ChangeSetStatus? Status { get; init; }

    public string? StatusReason { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public string? Description { get; init; }

    public bool? IncludeNestedStacks { get; init; }

    public string? ParentChangeSetId { get; init; }

    public string? RootChangeSetId { get; init; }

    public bool? ImportExistingResources { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record DescribeChangeSetResponse
{
    public string? ChangeSetName { get; init; }

    public string? ChangeSetId { get; init; }

    public string? StackId { get; init; }

    public string? StackName { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public DateTimeOffset? CreationTime { get; init; }

    public ExecutionStatus? ExecutionStatus { get; init; }

    public ChangeSetStatus? Status { get; init; }

    public string? StatusReason { get; init; }

    public IReadOnlyList<string>? NotificationARNs { get; init; }

    public RollbackConfiguration? RollbackConfiguration { get; init; }

    public IReadOnlyList<Capability>? Capabilities { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public IReadOnlyList<Change>? Changes { get; init; }

    public string? NextToken { get; init; }

    public bool? IncludeNestedStacks { get; init; }

    public string? ParentChangeSetId { get; init; }

    public string? RootChangeSetId { get; init; }

    public OnStackFailure? OnStackFailure { get; init; }

    public bool? ImportExistingResources { get; init; }
}

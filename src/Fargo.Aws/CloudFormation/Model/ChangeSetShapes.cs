namespace Fargo.Aws.CloudFormation;

// The change set operations a stack deployer needs (CreateChangeSet, DescribeChangeSet, ExecuteChangeSet,
// DeleteChangeSet) and DeleteStack, with the model's member names.

public sealed record CreateChangeSetRequest
{
    public required string StackName { get; init; }

    public string? TemplateBody { get; init; }

    public bool? UsePreviousTemplate { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public IReadOnlyList<Capability>? Capabilities { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public required string ChangeSetName { get; init; }

    public string? Description { get; init; }

    public ChangeSetType? ChangeSetType { get; init; }
}

public sealed record CreateChangeSetResponse
{
    public string? Id { get; init; }

    public string? StackId { get; init; }
}

public sealed record DescribeChangeSetRequest
{
    public required string ChangeSetName { get; init; }

    public string? StackName { get; init; }

    public string? NextToken { get; init; }
}

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

    public IReadOnlyList<Change>? Changes { get; init; }

    public string? NextToken { get; init; }
}

public sealed record Change
{
    public string? Type { get; init; }

    public ResourceChange? ResourceChange { get; init; }
}

public sealed record ResourceChange
{
    public string? Action { get; init; }

    public string? LogicalResourceId { get; init; }

    public string? PhysicalResourceId { get; init; }

    public string? ResourceType { get; init; }

    public string? Replacement { get; init; }
}

public sealed record ExecuteChangeSetRequest
{
    public required string ChangeSetName { get; init; }

    public string? StackName { get; init; }
}

public sealed record ExecuteChangeSetResponse;

public sealed record DeleteChangeSetRequest
{
    public required string ChangeSetName { get; init; }

    public string? StackName { get; init; }
}

public sealed record DeleteChangeSetResponse;

public sealed record DeleteStackRequest
{
    public required string StackName { get; init; }

    public IReadOnlyList<string>? RetainResources { get; init; }
}

public sealed record DeleteStackResponse;

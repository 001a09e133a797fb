using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record Stack
{
    public string? StackId { get; init; }

    public required string StackName { get; init; }

    public string? ChangeSetId { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public required DateTimeOffset CreationTime { get; init; }

    public DateTimeOffset? DeletionTime { get; init; }

    public DateTimeOffset? LastUpdatedTime { get; init; }

    public RollbackConfiguration? RollbackConfiguration { get; init; }

    public required StackStatus StackStatus { get; init; }

    public string? StackStatusReason { get; init; }

    public bool? DisableRollback { get; init; }

    public IReadOnlyList<string>? NotificationARNs { get; init; }

    public int? TimeoutInMinutes { get; init; }

    public IReadOnlyList<Capability>? Capabilities { get; init; }

    public IReadOnlyList<Output>? Outputs { get; init; }

    public string? RoleARN { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public bool? EnableTerminationProtection { get; init; }

    public string? ParentId { get; init; }

    public string? RootId { get; init; }

    public StackDriftInformation? DriftInformation { get; init; }

    public bool? RetainExceptOnCreate { get; init; }

    public string? DeletionMode { get; init; }

    public string? DetailedStatus { get; init; }
}

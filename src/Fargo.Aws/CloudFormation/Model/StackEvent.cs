using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record StackEvent
{
    public required string StackId { get; init; }

    public required string EventId { get; init; }

    public required string StackName { get; init; }

    public string? LogicalResourceId { get; init; }

    public string? PhysicalResourceId { get; init; }

    public string? ResourceType { get; init; }

    public required DateTimeOffset Timestamp { get; init; }

    public ResourceStatus? ResourceStatus { get; init; }

    public string? ResourceStatusReason { get; init; }

    public string? ResourceProperties { get; init; }

    public string? ClientRequestToken { get; init; }

    public string? HookType { get; init; }

    public HookStatus? HookStatus { get; init; }

    public string? HookStatusReason { get; init; }

    public HookInvocationPoint? HookInvocationPoint { get; init; }

    public HookFailureMode? HookFailureMode { get; init; }

    public string? DetailedStatus { get; init; }
}

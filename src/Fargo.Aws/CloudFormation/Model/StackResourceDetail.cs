using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record StackResourceDetail
{
    public string? StackName { get; init; }

    public string? StackId { get; init; }

    public required string LogicalResourceId { get; init; }

    public string? PhysicalResourceId { get; init; }

    public required string ResourceType { get; init; }

    public required DateTimeOffset LastUpdatedTimestamp { get; init; }

    public required ResourceStatus ResourceStatus { get; init; }

    public string? ResourceStatusReason { get; init; }

    public string? Description { get; init; }

    public string? Metadata { get; init; }

    public StackResourceDriftInformation? DriftInformation { get; init; }

    public ModuleInfo? ModuleInfo { get; init; }
}

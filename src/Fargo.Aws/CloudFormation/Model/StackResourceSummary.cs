using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record StackResourceSummary
{
    public required string LogicalResourceId { get; init; }

    public string? PhysicalResourceId { get; init; }

    public required string ResourceType { get; init; }

    public required DateTimeOffset LastUpdatedTimestamp { get; init; }

    public required ResourceStatus ResourceStatus { get; init; }

    public string? ResourceStatusReason { get; init; }

    public StackResourceDriftInformationSummary? DriftInformation { get; init; }

    public ModuleInfo? ModuleInfo { get; init; }
}

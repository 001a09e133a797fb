using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record StackResourceDriftInformation
{
    public required StackResourceDriftStatus StackResourceDriftStatus { get; init; }

    public DateTimeOffset? LastCheckTimestamp { get; init; }
}

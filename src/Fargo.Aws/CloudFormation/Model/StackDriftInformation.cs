using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record StackDriftInformation
{
    public required StackDriftStatus StackDriftStatus { get; init; }

    public DateTimeOffset? LastCheckTimestamp { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record DeleteChangeSetRequest
{
    public required string ChangeSetName { get; init; }

    public string? StackName { get; init; }
}

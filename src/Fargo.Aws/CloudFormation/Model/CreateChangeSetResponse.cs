using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record CreateChangeSetResponse
{
    public string? Id { get; init; }

    public string? StackId { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record UpdateStackResponse
{
    public string? StackId { get; init; }
}

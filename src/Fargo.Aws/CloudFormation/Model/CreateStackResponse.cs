using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record CreateStackResponse
{
    public string? StackId { get; init; }
}

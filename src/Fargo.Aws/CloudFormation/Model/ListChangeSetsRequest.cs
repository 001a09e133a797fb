using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ListChangeSetsRequest
{
    public required string StackName { get; init; }

    public string? NextToken { get; init; }
}

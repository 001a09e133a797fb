using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record DescribeStacksRequest
{
    public string? StackName { get; init; }

    public string? NextToken { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record DescribeStackResourceRequest
{
    public required string StackName { get; init; }

    public required string LogicalResourceId { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record DescribeStackEventsRequest
{
    public string? StackName { get; init; }

    public string? NextToken { get; init; }
}

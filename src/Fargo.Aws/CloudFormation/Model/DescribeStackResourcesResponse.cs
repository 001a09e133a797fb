using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record DescribeStackResourcesResponse
{
    public IReadOnlyList<StackResource>? StackResources { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record DescribeStacksResponse
{
    public IReadOnlyList<Stack>? Stacks { get; init; }

    public string? NextToken { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record DescribeStackEventsResponse
{
    public IReadOnlyList<StackEvent>? StackEvents { get; init; }

    public string? NextToken { get; init; }
}

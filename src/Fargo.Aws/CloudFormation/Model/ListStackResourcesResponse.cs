using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ListStackResourcesResponse
{
    public IReadOnlyList<StackResourceSummary>? StackResourceSummaries { get; init; }

    public string? NextToken { get; init; }
}

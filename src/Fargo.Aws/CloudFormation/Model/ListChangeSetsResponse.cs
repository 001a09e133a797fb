using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ListChangeSetsResponse
{
    public IReadOnlyList<ChangeSetSummary>? Summaries { get; init; }

    public string? NextToken { get; init; }
}

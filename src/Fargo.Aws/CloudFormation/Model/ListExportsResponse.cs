using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ListExportsResponse
{
    public IReadOnlyList<Export>? Exports { get; init; }

    public string? NextToken { get; init; }
}

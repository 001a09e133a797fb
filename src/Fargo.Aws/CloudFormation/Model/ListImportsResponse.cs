using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ListImportsResponse
{
    public IReadOnlyList<string>? Imports { get; init; }

    public string? NextToken { get; init; }
}

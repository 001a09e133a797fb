using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ListImportsRequest
{
    public required string ExportName { get; init; }

    public string? NextToken { get; init; }
}

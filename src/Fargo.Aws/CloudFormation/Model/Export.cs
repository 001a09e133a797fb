using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record Export
{
    public string? ExportingStackId { get; init; }

    public string? Name { get; init; }

    public string? Value { get; init; }
}

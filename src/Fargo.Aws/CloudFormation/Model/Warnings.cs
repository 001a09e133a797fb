using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record Warnings
{
    public IReadOnlyList<string>? UnrecognizedResourceTypes { get; init; }
}

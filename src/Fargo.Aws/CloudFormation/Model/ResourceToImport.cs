using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ResourceToImport
{
    public required string ResourceType { get; init; }

    public required string LogicalResourceId { get; init; }

    public required IReadOnlyDictionary<string, string> ResourceIdentifier { get; init; }
}

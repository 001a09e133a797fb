using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ResourceIdentifierSummary
{
    public string? ResourceType { get; init; }

    public IReadOnlyList<string>? LogicalResourceIds { get; init; }

    public IReadOnlyList<string>? ResourceIdentifiers { get; init; }
}

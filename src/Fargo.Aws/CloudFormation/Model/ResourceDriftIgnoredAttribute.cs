using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ResourceDriftIgnoredAttribute
{
    public string? Path { get; init; }

    public DriftIgnoredReason? Reason { get; init; }
}

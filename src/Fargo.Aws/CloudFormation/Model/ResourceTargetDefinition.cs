using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ResourceTargetDefinition
{
    public ResourceAttribute? Attribute { get; init; }

    public string? Name { get; init; }

    public RequiresRecreation? RequiresRecreation { get; init; }

    public string? Path { get; init; }

    public string? BeforeValue { get; init; }

    public string? AfterValue { get; init; }

    public string? AttributeChangeType { get; init; }
}

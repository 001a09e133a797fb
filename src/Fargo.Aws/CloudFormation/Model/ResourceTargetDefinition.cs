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

    public BeforeValueFrom? BeforeValueFrom { get; init; }

    public AfterValueFrom? AfterValueFrom { get; init; }

    public LiveResourceDrift? Drift { get; init; }

    public AttributeChangeType? AttributeChangeType { get; init; }
}

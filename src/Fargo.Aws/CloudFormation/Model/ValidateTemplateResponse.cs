using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ValidateTemplateResponse
{
    public IReadOnlyList<TemplateParameter>? Parameters { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<Capability>? Capabilities { get; init; }

    public string? CapabilitiesReason { get; init; }

    public IReadOnlyList<string>? DeclaredTransforms { get; init; }
}

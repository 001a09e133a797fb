using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record GetTemplateSummaryResponse
{
    public IReadOnlyList<ParameterDeclaration>? Parameters { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<Capability>? Capabilities { get; init; }

    public string? CapabilitiesReason { get; init; }

    public IReadOnlyList<string>? ResourceTypes { get; init; }

    public string? Version { get; init; }

    public string? Metadata { get; init; }

    public IReadOnlyList<string>? DeclaredTransforms { get; init; }

    public IReadOnlyList<ResourceIdentifierSummary>? ResourceIdentifierSummaries { get; init; }

    public Warnings? Warnings { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record GetTemplateResponse
{
    public string? TemplateBody { get; init; }

    public IReadOnlyList<TemplateStage>? StagesAvailable { get; init; }
}

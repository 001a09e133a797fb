using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record GetTemplateSummaryRequest
{
    public string? TemplateBody { get; init; }

    public string? TemplateURL { get; init; }

    public string? StackName { get; init; }

    public string? StackSetName { get; init; }

    public CallAs? CallAs { get; init; }

    public TemplateSummaryConfig? TemplateSummaryConfig { get; init; }
}

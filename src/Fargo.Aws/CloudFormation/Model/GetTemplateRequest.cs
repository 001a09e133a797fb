using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record GetTemplateRequest
{
    public string? StackName { get; init; }

    public string? ChangeSetName { get; init; }

    public TemplateStage? TemplateStage { get; init; }
}

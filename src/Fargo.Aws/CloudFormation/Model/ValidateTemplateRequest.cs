using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ValidateTemplateRequest
{
    public string? TemplateBody { get; init; }

    public string? TemplateURL { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record TemplateParameter
{
    public string? ParameterKey { get; init; }

    public string? DefaultValue { get; init; }

    public bool? NoEcho { get; init; }

    public string? Description { get; init; }
}

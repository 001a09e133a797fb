using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record TemplateSummaryConfig
{
    public bool? TreatUnrecognizedResourceTypesAsWarnings { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudFormation;

public sealed record ParameterConstraints
{
    public IReadOnlyList<string>? AllowedValues { get; init; }
}

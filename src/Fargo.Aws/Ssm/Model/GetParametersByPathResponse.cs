using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record GetParametersByPathResponse
{
    public IReadOnlyList<Parameter>? Parameters { get; init; }

    public string? NextToken { get; init; }
}

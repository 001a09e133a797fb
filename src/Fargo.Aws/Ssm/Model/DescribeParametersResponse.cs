using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record DescribeParametersResponse
{
    public IReadOnlyList<ParameterMetadata>? Parameters { get; init; }

    public string? NextToken { get; init; }
}

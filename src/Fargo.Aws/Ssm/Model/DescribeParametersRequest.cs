using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record DescribeParametersRequest
{
    public IReadOnlyList<ParametersFilter>? Filters { get; init; }

    public IReadOnlyList<ParameterStringFilter>? ParameterFilters { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }

    public bool? Shared { get; init; }
}

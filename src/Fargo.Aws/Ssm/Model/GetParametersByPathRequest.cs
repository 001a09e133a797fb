using System.Text.Json.Serialization;

namespace Fargo.Aws.Ssm;

public sealed record GetParametersByPathRequest
{
    public required string Path { get; init; }

    public bool? Recursive { get; init; }

    public IReadOnlyList<ParameterStringFilter>? ParameterFilters { get; init; }

    public bool? WithDecryption { get; init; }

    public int? MaxResults { get; init; }

    public string? NextToken { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record DescribeRepositoriesRequest
{
    public string? RegistryId { get; init; }

    public IReadOnlyList<string>? RepositoryNames { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

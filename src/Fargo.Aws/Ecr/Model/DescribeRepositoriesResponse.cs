using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record DescribeRepositoriesResponse
{
    public IReadOnlyList<Repository>? Repositories { get; init; }

    public string? NextToken { get; init; }
}

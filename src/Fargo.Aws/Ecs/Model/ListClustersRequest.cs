using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ListClustersRequest
{
    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }
}

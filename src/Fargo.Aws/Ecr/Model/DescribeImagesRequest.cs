using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record DescribeImagesRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public IReadOnlyList<ImageIdentifier>? ImageIds { get; init; }

    public string? NextToken { get; init; }

    public int? MaxResults { get; init; }

    public DescribeImagesFilter? Filter { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record BatchDeleteImageRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public required IReadOnlyList<ImageIdentifier> ImageIds { get; init; }
}

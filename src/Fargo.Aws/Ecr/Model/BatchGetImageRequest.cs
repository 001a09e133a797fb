using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record BatchGetImageRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public required IReadOnlyList<ImageIdentifier> ImageIds { get; init; }

    public IReadOnlyList<string>? AcceptedMediaTypes { get; init; }
}

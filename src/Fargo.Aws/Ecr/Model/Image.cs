using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record Image
{
    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    public ImageIdentifier? ImageId { get; init; }

    public string? ImageManifest { get; init; }

    public string? ImageManifestMediaType { get; init; }
}

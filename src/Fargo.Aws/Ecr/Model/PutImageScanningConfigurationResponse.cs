using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record PutImageScanningConfigurationResponse
{
    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    public ImageScanningConfiguration? ImageScanningConfiguration { get; init; }
}

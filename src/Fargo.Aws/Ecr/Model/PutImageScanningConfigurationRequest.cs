using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record PutImageScanningConfigurationRequest
{
    public string? RegistryId { get; init; }

    public required string RepositoryName { get; init; }

    public required ImageScanningConfiguration ImageScanningConfiguration { get; init; }
}

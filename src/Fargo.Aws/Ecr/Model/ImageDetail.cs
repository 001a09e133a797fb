using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record ImageDetail
{
    public string? RegistryId { get; init; }

    public string? RepositoryName { get; init; }

    public string? ImageDigest { get; init; }

    public IReadOnlyList<string>? ImageTags { get; init; }

    public long? ImageSizeInBytes { get; init; }

    public DateTimeOffset? ImagePushedAt { get; init; }

    public ImageScanStatus? ImageScanStatus { get; init; }

    public ImageScanFindingsSummary? ImageScanFindingsSummary { get; init; }

    public string? ImageManifestMediaType { get; init; }

    public string? ArtifactMediaType { get; init; }

    public DateTimeOffset? LastRecordedPullTime { get; init; }
}

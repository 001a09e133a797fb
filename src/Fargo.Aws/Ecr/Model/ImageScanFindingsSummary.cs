using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record ImageScanFindingsSummary
{
    public DateTimeOffset? ImageScanCompletedAt { get; init; }

    public DateTimeOffset? VulnerabilitySourceUpdatedAt { get; init; }

    public IReadOnlyDictionary<FindingSeverity, int>? FindingSeverityCounts { get; init; }
}

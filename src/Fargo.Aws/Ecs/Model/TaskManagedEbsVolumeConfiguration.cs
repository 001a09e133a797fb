using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record TaskManagedEbsVolumeConfiguration
{
    public bool? Encrypted { get; init; }

    public string? KmsKeyId { get; init; }

    public string? VolumeType { get; init; }

    public int? SizeInGiB { get; init; }

    public string? SnapshotId { get; init; }

    public int? Iops { get; init; }

    public int? Throughput { get; init; }

    public IReadOnlyList<EbsTagSpecification>? TagSpecifications { get; init; }

    public required string RoleArn { get; init; }

    public TerminationPolicy? TerminationPolicy { get; init; }

    public string? FilesystemType { get; init; }
}

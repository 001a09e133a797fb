using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record CreateSecretRequest
{
    public required string Name { get; init; }

    public string? ClientRequestToken { get; init; }

    public string? Description { get; init; }

    public string? KmsKeyId { get; init; }

    public byte[]? SecretBinary { get; init; }

    public string? SecretString { get; init; }

    public IReadOnlyList<Tag>? Tags { get; init; }

    public IReadOnlyList<ReplicaRegionType>? AddReplicaRegions { get; init; }

    public bool? ForceOverwriteReplicaSecret { get; init; }
}

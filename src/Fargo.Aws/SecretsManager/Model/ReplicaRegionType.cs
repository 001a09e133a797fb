using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record ReplicaRegionType
{
    public string? Region { get; init; }

    public string? KmsKeyId { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ManagedStorageConfiguration
{
    public string? KmsKeyId { get; init; }

    public string? FargateEphemeralStorageKmsKeyId { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecr;

public sealed record EncryptionConfiguration
{
    public required EncryptionType EncryptionType { get; init; }

    public string? KmsKey { get; init; }
}

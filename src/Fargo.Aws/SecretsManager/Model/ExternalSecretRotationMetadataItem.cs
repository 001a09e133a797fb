using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record ExternalSecretRotationMetadataItem
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}

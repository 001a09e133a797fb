using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record UpdateSecretRequest
{
    public required string SecretId { get; init; }

    public string? ClientRequestToken { get; init; }

    public string? Description { get; init; }

    public string? KmsKeyId { get; init; }

    public byte[]? SecretBinary { get; init; }

    public string? SecretString { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record PutSecretValueRequest
{
    public required string SecretId { get; init; }

    public string? ClientRequestToken { get; init; }

    public byte[]? SecretBinary { get; init; }

    public string? SecretString { get; init; }

    public IReadOnlyList<string>? VersionStages { get; init; }

    public string? RotationToken { get; init; }
}

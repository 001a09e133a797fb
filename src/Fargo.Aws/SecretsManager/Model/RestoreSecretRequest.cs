using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record RestoreSecretRequest
{
    public required string SecretId { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record DeleteSecretRequest
{
    public required string SecretId { get; init; }

    public long? RecoveryWindowInDays { get; init; }

    public bool? ForceDeleteWithoutRecovery { get; init; }
}

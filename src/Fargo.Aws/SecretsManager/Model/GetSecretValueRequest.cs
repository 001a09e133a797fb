using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record GetSecretValueRequest
{
    public required string SecretId { get; init; }

    public string? VersionId { get; init; }

    public string? VersionStage { get; init; }
}

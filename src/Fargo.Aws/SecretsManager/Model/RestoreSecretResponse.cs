using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record RestoreSecretResponse
{
    public string? ARN { get; init; }

    public string? Name { get; init; }
}

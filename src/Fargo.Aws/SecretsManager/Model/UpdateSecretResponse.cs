using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record UpdateSecretResponse
{
    public string? ARN { get; init; }

    public string? Name { get; init; }

    public string? VersionId { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record DeleteSecretResponse
{
    public string? ARN { get; init; }

    public string? Name { get; init; }

    public DateTimeOffset? DeletionDate { get; init; }
}

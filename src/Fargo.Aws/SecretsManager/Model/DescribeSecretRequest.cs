using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record DescribeSecretRequest
{
    public required string SecretId { get; init; }
}

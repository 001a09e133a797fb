using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record GetSecretValueResponse
{
    public string? ARN { get; init; }

    public string? Name { get; init; }

    public string? VersionId { get; init; }

    public byte[]? SecretBinary { get; init; }

    public string? SecretString { get; init; }

    public IReadOnlyList<string>? VersionStages { get; init; }

    public DateTimeOffset? CreatedDate { get; init; }
}

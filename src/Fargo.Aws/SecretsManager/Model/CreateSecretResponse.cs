using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record CreateSecretResponse
{
    public string? ARN { get; init; }

    public string? Name { get; init; }

    public string? VersionId { get; init; }

    public IReadOnlyList<ReplicationStatusType>? ReplicationStatus { get; init; }
}

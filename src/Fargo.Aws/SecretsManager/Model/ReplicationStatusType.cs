using System.Text.Json.Serialization;

namespace Fargo.Aws.SecretsManager;

public sealed record ReplicationStatusType
{
    public string? Region { get; init; }

    public string? KmsKeyId { get; init; }

    public StatusType? Status { get; init; }

    public string? StatusMessage { get; init; }

    public DateTimeOffset? LastAccessedDate { get; init; }
}

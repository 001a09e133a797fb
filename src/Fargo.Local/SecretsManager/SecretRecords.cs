namespace Fargo.Local.SecretsManager;

/// <summary>One version of a secret: its value encrypted at rest, and the staging labels on it.</summary>
internal sealed class SecretVersionRecord
{
    public required string VersionId { get; init; }

    public required DateTimeOffset CreatedDate { get; init; }

    /// <summary>The SecretString, encrypted (AES-256-GCM, the secret's ARN as associated data).</summary>
    public string? EncryptedString { get; init; }

    /// <summary>The SecretBinary (base64 before encryption), encrypted the same way.</summary>
    public string? EncryptedBinary { get; init; }

    public List<string> Stages { get; set; } = [];
}

internal sealed class SecretRecord
{
    public required string Name { get; init; }

    public required string Arn { get; init; }

    public string? Description { get; set; }

    public string? KmsKeyId { get; set; }

    public required DateTimeOffset CreatedDate { get; init; }

    public DateTimeOffset? LastChangedDate { get; set; }

    public DateTimeOffset? LastAccessedDate { get; set; }

    /// <summary>When DeleteSecret was called; the secret is gone for good at <see cref="DeletionDate"/>.</summary>
    public DateTimeOffset? DeletedDate { get; set; }

    public DateTimeOffset? DeletionDate { get; set; }

    public List<KeyValuePair<string, string>> Tags { get; set; } = [];

    public List<SecretVersionRecord> Versions { get; set; } = [];
}

/// <summary>A secret's value as GetSecretValue answers it (decrypted).</summary>
internal sealed record SecretValue(string Arn, string Name, string VersionId, string? SecretString, byte[]? SecretBinary, IReadOnlyList<string> Stages, DateTimeOffset CreatedDate);

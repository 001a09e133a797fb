namespace Fargo.Local.CertificateManager;

/// <summary>A certificate the local ACM issued, as kept in state.db (the private key encrypted at rest).</summary>
internal sealed class CertificateRecord
{
    public required string Arn { get; init; }

    public required string DomainName { get; init; }

    public required List<string> SubjectAlternativeNames { get; init; }

    public required string ValidationMethod { get; init; }

    public string? IdempotencyToken { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required string CertificatePem { get; init; }

    /// <summary>The PKCS#8 key PEM, sealed with the region's at-rest key (bound to the ARN).</summary>
    public required string EncryptedPrivateKey { get; init; }

    public required string Serial { get; init; }

    public required string Subject { get; init; }

    public required string Issuer { get; init; }

    public required DateTimeOffset NotBefore { get; init; }

    public required DateTimeOffset NotAfter { get; init; }

    public List<KeyValuePair<string, string>> Tags { get; set; } = [];
}

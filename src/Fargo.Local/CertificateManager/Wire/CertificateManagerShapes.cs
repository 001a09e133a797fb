namespace Fargo.Local.CertificateManager.Wire;

// ACM's awsJson1_1 shapes (service model acm-2015-12-08), the members the local ACM reads and answers. Fargo itself
// never calls ACM, so these live with the local service rather than in Fargo.Aws's clients.

public sealed record AcmTag
{
    public string? Key { get; init; }

    public string? Value { get; init; }
}

public sealed record DomainValidationOption
{
    public string? DomainName { get; init; }

    public string? ValidationDomain { get; init; }
}

public sealed record CertificateOptions
{
    public string? CertificateTransparencyLoggingPreference { get; init; }
}

public sealed record RequestCertificateRequest
{
    public string? DomainName { get; init; }

    public string? ValidationMethod { get; init; }

    public IReadOnlyList<string>? SubjectAlternativeNames { get; init; }

    public string? IdempotencyToken { get; init; }

    public IReadOnlyList<DomainValidationOption>? DomainValidationOptions { get; init; }

    public CertificateOptions? Options { get; init; }

    public string? CertificateAuthorityArn { get; init; }

    public IReadOnlyList<AcmTag>? Tags { get; init; }

    public string? KeyAlgorithm { get; init; }
}

public sealed record RequestCertificateResponse
{
    public string? CertificateArn { get; init; }
}

/// <summary>The input of DescribeCertificate, GetCertificate, DeleteCertificate and ListTagsForCertificate.</summary>
public sealed record CertificateArnRequest
{
    public string? CertificateArn { get; init; }
}

public sealed record CertificateTagsRequest
{
    public string? CertificateArn { get; init; }

    public IReadOnlyList<AcmTag>? Tags { get; init; }
}

public sealed record AcmEmptyResponse;

public sealed record ResourceRecord
{
    public string? Name { get; init; }

    public string? Type { get; init; }

    public string? Value { get; init; }
}

public sealed record DomainValidation
{
    public string? DomainName { get; init; }

    public string? ValidationDomain { get; init; }

    public string? ValidationStatus { get; init; }

    public ResourceRecord? ResourceRecord { get; init; }

    public string? ValidationMethod { get; init; }
}

public sealed record KeyUsage
{
    public string? Name { get; init; }
}

public sealed record ExtendedKeyUsage
{
    public string? Name { get; init; }

    public string? OID { get; init; }
}

public sealed record CertificateDetail
{
    public string? CertificateArn { get; init; }

    public string? DomainName { get; init; }

    public IReadOnlyList<string>? SubjectAlternativeNames { get; init; }

    public IReadOnlyList<DomainValidation>? DomainValidationOptions { get; init; }

    public string? Serial { get; init; }

    public string? Subject { get; init; }

    public string? Issuer { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }

    public string? Status { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public string? KeyAlgorithm { get; init; }

    public string? SignatureAlgorithm { get; init; }

    public IReadOnlyList<string>? InUseBy { get; init; }

    public string? Type { get; init; }

    public IReadOnlyList<KeyUsage>? KeyUsages { get; init; }

    public IReadOnlyList<ExtendedKeyUsage>? ExtendedKeyUsages { get; init; }

    public string? RenewalEligibility { get; init; }

    public CertificateOptions? Options { get; init; }
}

public sealed record DescribeCertificateResponse
{
    public CertificateDetail? Certificate { get; init; }
}

public sealed record GetCertificateResponse
{
    public string? Certificate { get; init; }

    public string? CertificateChain { get; init; }
}

public sealed record CertificateFilters
{
    public IReadOnlyList<string>? extendedKeyUsage { get; init; }

    public IReadOnlyList<string>? keyUsage { get; init; }

    public IReadOnlyList<string>? keyTypes { get; init; }
}

public sealed record ListCertificatesRequest
{
    public IReadOnlyList<string>? CertificateStatuses { get; init; }

    public CertificateFilters? Includes { get; init; }

    public string? NextToken { get; init; }

    public int? MaxItems { get; init; }

    public string? SortBy { get; init; }

    public string? SortOrder { get; init; }
}

public sealed record CertificateSummary
{
    public string? CertificateArn { get; init; }

    public string? DomainName { get; init; }

    public IReadOnlyList<string>? SubjectAlternativeNameSummaries { get; init; }

    public bool? HasAdditionalSubjectAlternativeNames { get; init; }

    public string? Status { get; init; }

    public string? Type { get; init; }

    public string? KeyAlgorithm { get; init; }

    public IReadOnlyList<string>? KeyUsages { get; init; }

    public IReadOnlyList<string>? ExtendedKeyUsages { get; init; }

    public bool? InUse { get; init; }

    public string? RenewalEligibility { get; init; }

    public DateTimeOffset? NotBefore { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    public DateTimeOffset? CreatedAt { get; init; }

    public DateTimeOffset? IssuedAt { get; init; }
}

public sealed record ListCertificatesResponse
{
    public string? NextToken { get; init; }

    public IReadOnlyList<CertificateSummary>? CertificateSummaryList { get; init; }
}

public sealed record ListTagsForCertificateResponse
{
    public IReadOnlyList<AcmTag>? Tags { get; init; }
}

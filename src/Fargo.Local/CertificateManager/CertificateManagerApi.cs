using Fargo.Aws;
using Fargo.Local.Api;
using Fargo.Local.CertificateManager.Wire;

namespace Fargo.Local.CertificateManager;

/// <summary>ACM's operations on the wire (JSON 1.1), served by the <see cref="CertificateStore"/>.</summary>
internal static class CertificateManagerApi
{
    public static JsonOperationTable Create(CertificateStore store, ICertificateUsers users)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(users);
        var json = CertificateManagerJsonContext.Default;
        return new JsonOperationTable(AwsServices.CertificateManager)
            .Add("RequestCertificate", json.RequestCertificateRequest, json.RequestCertificateResponse, request =>
            {
                var record = store.Request(request.DomainName, request.SubjectAlternativeNames, request.ValidationMethod, request.KeyAlgorithm, request.IdempotencyToken, Tags(request.Tags));
                return new RequestCertificateResponse { CertificateArn = record.Arn };
            })
            .Add("DescribeCertificate", json.CertificateArnRequest, json.DescribeCertificateResponse, request =>
            {
                var record = store.Describe(request.CertificateArn);
                return new DescribeCertificateResponse { Certificate = Detail(record, users.LoadBalancersUsing(record.Arn)) };
            })
            .Add("GetCertificate", json.CertificateArnRequest, json.GetCertificateResponse, request =>
            {
                var record = store.Describe(request.CertificateArn);
                return new GetCertificateResponse { Certificate = record.CertificatePem, CertificateChain = store.Authority.CertificatePem };
            })
            .Add("ListCertificates", json.ListCertificatesRequest, json.ListCertificatesResponse, request =>
            {
                var (records, next) = store.List(request.CertificateStatuses, request.MaxItems, request.NextToken);
                return new ListCertificatesResponse { CertificateSummaryList = records.Select(r => Summary(r, users.LoadBalancersUsing(r.Arn).Count > 0)).ToList(), NextToken = next };
            })
            .Add("DeleteCertificate", json.CertificateArnRequest, json.AcmEmptyResponse, request =>
            {
                store.Delete(request.CertificateArn, request.CertificateArn is null ? [] : users.LoadBalancersUsing(request.CertificateArn));
                return new AcmEmptyResponse();
            })
            .Add("ListTagsForCertificate", json.CertificateArnRequest, json.ListTagsForCertificateResponse, request =>
                new ListTagsForCertificateResponse { Tags = store.Describe(request.CertificateArn).Tags.Select(t => new AcmTag { Key = t.Key, Value = t.Value }).ToList() })
            .Add("AddTagsToCertificate", json.CertificateTagsRequest, json.AcmEmptyResponse, request =>
            {
                store.AddTags(request.CertificateArn, Tags(request.Tags));
                return new AcmEmptyResponse();
            })
            .Add("RemoveTagsFromCertificate", json.CertificateTagsRequest, json.AcmEmptyResponse, request =>
            {
                store.RemoveTags(request.CertificateArn, Tags(request.Tags));
                return new AcmEmptyResponse();
            });
    }

    /// <summary>DescribeCertificate's view of a certificate: issued, each name's validation passed (DNS records shaped as ACM's).</summary>
    public static CertificateDetail Detail(CertificateRecord record, IReadOnlyList<string> inUseBy) => new()
    {
        CertificateArn = record.Arn,
        DomainName = record.DomainName,
        SubjectAlternativeNames = record.SubjectAlternativeNames,
        DomainValidationOptions = record.SubjectAlternativeNames.Select(name => new DomainValidation
        {
            DomainName = name,
            ValidationDomain = name,
            ValidationStatus = "SUCCESS",
            ValidationMethod = record.ValidationMethod,
            ResourceRecord = record.ValidationMethod == "DNS" ? ValidationRecord(record, name) : null,
        }).ToList(),
        Serial = record.Serial,
        Subject = record.Subject,
        Issuer = record.Issuer,
        CreatedAt = record.CreatedAt,
        IssuedAt = record.CreatedAt,
        Status = CertificateStore.Issued,
        NotBefore = record.NotBefore,
        NotAfter = record.NotAfter,
        KeyAlgorithm = CertificateStore.KeyAlgorithm,
        SignatureAlgorithm = CertificateStore.SignatureAlgorithm,
        InUseBy = inUseBy,
        Type = CertificateStore.AmazonIssued,
        KeyUsages = [new KeyUsage { Name = "DIGITAL_SIGNATURE" }],
        ExtendedKeyUsages =
        [
            new ExtendedKeyUsage { Name = "TLS_WEB_SERVER_AUTHENTICATION", OID = "1.3.6.1.5.5.7.3.1" },
            new ExtendedKeyUsage { Name = "TLS_WEB_CLIENT_AUTHENTICATION", OID = "1.3.6.1.5.5.7.3.2" },
        ],
        RenewalEligibility = inUseBy.Count > 0 ? "ELIGIBLE" : "INELIGIBLE",
        Options = new CertificateOptions { CertificateTransparencyLoggingPreference = "ENABLED" },
    };

    private static CertificateSummary Summary(CertificateRecord record, bool inUse) => new()
    {
        CertificateArn = record.Arn,
        DomainName = record.DomainName,
        SubjectAlternativeNameSummaries = record.SubjectAlternativeNames,
        HasAdditionalSubjectAlternativeNames = false,
        Status = CertificateStore.Issued,
        Type = CertificateStore.AmazonIssued,
        KeyAlgorithm = CertificateStore.KeyAlgorithm,
        KeyUsages = ["DIGITAL_SIGNATURE"],
        ExtendedKeyUsages = ["TLS_WEB_SERVER_AUTHENTICATION", "TLS_WEB_CLIENT_AUTHENTICATION"],
        InUse = inUse,
        RenewalEligibility = inUse ? "ELIGIBLE" : "INELIGIBLE",
        NotBefore = record.NotBefore,
        NotAfter = record.NotAfter,
        CreatedAt = record.CreatedAt,
        IssuedAt = record.CreatedAt,
    };

    /// <summary>The CNAME ACM would ask for: a name under the domain and a value under acm-validations.aws, stable per certificate and name.</summary>
    private static ResourceRecord ValidationRecord(CertificateRecord record, string name)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(record.Arn + "|" + name)));
        var baseName = name.StartsWith("*.", StringComparison.Ordinal) ? name[2..] : name;
        return new ResourceRecord { Name = $"_{hash[..32]}.{baseName}.", Type = "CNAME", Value = $"_{hash[32..64]}.acm-validations.aws." };
    }

    private static List<KeyValuePair<string, string>> Tags(IReadOnlyList<AcmTag>? tags) =>
        tags?.Select(t => new KeyValuePair<string, string>(t.Key ?? "", t.Value ?? "")).ToList() ?? [];
}

/// <summary>Who uses a certificate: the load balancers whose HTTPS listeners name it (ACM's InUseBy, and the guard on deletion).</summary>
internal interface ICertificateUsers
{
    IReadOnlyList<string> LoadBalancersUsing(string certificateArn);
}

using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Fargo.Local.Api;
using Fargo.Local.Ssm;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.CertificateManager;

/// <summary>
/// ACM, locally: RequestCertificate issues at once (no DNS or e-mail validation can run on one machine, so the
/// validation records are shown as passed) a certificate signed by the <see cref="LocalCertificateAuthority"/> for the
/// domain and its alternative names; the HTTPS listeners that name it serve it. Private keys are sealed at rest with
/// the region's key, as SecureStrings are, and never leave the store but to a listener.
/// </summary>
internal sealed partial class CertificateStore : IDisposable
{
    public const string Issued = "ISSUED";
    public const string KeyAlgorithm = "EC_prime256v1";
    public const string SignatureAlgorithm = "SHA256WITHECDSA";
    public const string AmazonIssued = "AMAZON_ISSUED";

    private readonly SqliteConnection _connection;
    private readonly DocumentTable<CertificateRecord> _table;
    private readonly ParameterCipher _cipher;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, CertificateRecord> _certificates = new(StringComparer.Ordinal);
    private readonly Dictionary<string, X509Certificate2> _served = new(StringComparer.Ordinal);

    public CertificateStore(string databasePath, LocalCertificateAuthority authority, ParameterCipher cipher, TimeProvider time)
    {
        Authority = authority;
        _cipher = cipher;
        _time = time;
        _connection = StateDatabase.Open(databasePath);
        _table = new DocumentTable<CertificateRecord>(_connection, "acm_certificates", LocalJsonContext.Default.CertificateRecord);
        _table.LoadInto(_connection, _certificates, c => c.Arn);
    }

    public LocalCertificateAuthority Authority { get; }

    public void Dispose()
    {
        foreach (var certificate in _served.Values)
        {
            certificate.Dispose();
        }

        _connection.Dispose();
    }

    public CertificateRecord Request(string? domainName, IReadOnlyList<string>? alternativeNames, string? validationMethod, string? keyAlgorithm, string? idempotencyToken, IReadOnlyList<KeyValuePair<string, string>>? tags)
    {
        var domain = ValidDomain(domainName, "domainName");
        var names = (alternativeNames ?? []).Select(n => ValidDomain(n, "subjectAlternativeNames")).ToList();
        if (names.Count > 100)
        {
            throw Validation("1 validation error detected: Value at 'subjectAlternativeNames' failed to satisfy constraint: Member must have length less than or equal to 100");
        }

        if (keyAlgorithm is not null && keyAlgorithm != KeyAlgorithm)
        {
            throw new LocalServiceException("InvalidParameterException", $"The local region issues {KeyAlgorithm} certificates only; {keyAlgorithm} was asked for.");
        }

        if (validationMethod is not null and not ("DNS" or "EMAIL"))
        {
            throw Validation($"1 validation error detected: Value '{validationMethod}' at 'validationMethod' failed to satisfy constraint: Member must satisfy enum value set: [EMAIL, DNS]");
        }

        // As ACM does, the domain comes first among the alternative names.
        var allNames = new[] { domain }.Concat(names).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        lock (_gate)
        {
            if (idempotencyToken is not null
                && _certificates.Values.FirstOrDefault(c => c.IdempotencyToken == idempotencyToken && c.DomainName == domain && c.CreatedAt > _time.GetUtcNow().AddHours(-1)) is { } same)
            {
                return same;
            }

            var now = _time.GetUtcNow();
            var arn = $"arn:{LocalRegionConstants.Partition}:acm:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:certificate/{Guid.NewGuid()}";
            var issued = Authority.Issue(domain, allNames, now);
            var record = new CertificateRecord
            {
                Arn = arn,
                DomainName = domain,
                SubjectAlternativeNames = allNames,
                ValidationMethod = validationMethod ?? "EMAIL",
                IdempotencyToken = idempotencyToken,
                CreatedAt = now,
                CertificatePem = issued.CertificatePem,
                EncryptedPrivateKey = _cipher.Encrypt(arn, issued.PrivateKeyPem),
                Serial = ColonSeparated(issued.SerialHex),
                Subject = issued.Subject,
                Issuer = issued.Issuer,
                NotBefore = issued.NotBefore,
                NotAfter = issued.NotAfter,
                Tags = tags?.ToList() ?? [],
            };
            Save(record);
            return record;
        }
    }

    public CertificateRecord Describe(string? arn)
    {
        lock (_gate)
        {
            return Find(arn);
        }
    }

    public (IReadOnlyList<CertificateRecord> Certificates, string? NextToken) List(IReadOnlyList<string>? statuses, int? maxItems, string? nextToken)
    {
        if (maxItems is < 1 or > 1000)
        {
            throw Validation($"1 validation error detected: Value '{maxItems}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and 1000");
        }

        lock (_gate)
        {
            var matching = _certificates.Values
                .Where(c => statuses is not { Count: > 0 } || statuses.Contains(Issued))
                .OrderBy(c => c.CreatedAt).ThenBy(c => c.Arn, StringComparer.Ordinal)
                .ToList();
            var start = 0;
            if (nextToken is not null)
            {
                start = matching.FindIndex(c => c.Arn == nextToken);
                if (start < 0)
                {
                    throw new LocalServiceException("InvalidArgsException", "The NextToken is not valid.");
                }
            }

            var page = matching.Skip(start).Take(maxItems ?? 1000).ToList();
            var next = start + page.Count < matching.Count ? matching[start + page.Count].Arn : null;
            return (page, next);
        }
    }

    public void Delete(string? arn, IReadOnlyList<string> inUseBy)
    {
        lock (_gate)
        {
            var record = Find(arn);
            if (inUseBy.Count > 0)
            {
                throw new LocalServiceException("ResourceInUseException", $"Certificate {record.Arn} in use.");
            }

            using var transaction = _connection.BeginTransaction();
            _table.Delete(_connection, transaction, record.Arn);
            transaction.Commit();
            _certificates.Remove(record.Arn);
            if (_served.Remove(record.Arn, out var served))
            {
                served.Dispose();
            }
        }
    }

    public void AddTags(string? arn, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        lock (_gate)
        {
            var record = Find(arn);
            record.Tags = record.Tags.Where(t => tags.All(n => n.Key != t.Key)).Concat(tags).ToList();
            Save(record);
        }
    }

    public void RemoveTags(string? arn, IReadOnlyList<KeyValuePair<string, string>> tags)
    {
        lock (_gate)
        {
            var record = Find(arn);
            record.Tags = record.Tags.Where(t => !tags.Any(r => r.Key == t.Key && (string.IsNullOrEmpty(r.Value) || r.Value == t.Value))).ToList();
            Save(record);
        }
    }

    /// <summary>What an HTTPS listener serves for this ARN: the certificate with its key, or null when the local ACM has no such certificate.</summary>
    public X509Certificate2? ServerCertificate(string arn)
    {
        lock (_gate)
        {
            if (_served.TryGetValue(arn, out var cached))
            {
                return cached;
            }

            if (!_certificates.TryGetValue(arn, out var record))
            {
                return null;
            }

            var served = LoadBalancing.DataPlane.DevelopmentCertificate.ForKestrel(record.CertificatePem, _cipher.Decrypt(arn, record.EncryptedPrivateKey));
            _served[arn] = served;
            return served;
        }
    }

    /// <summary>Whether an ARN names a certificate of this region's ACM (issued or not), rather than of AWS's.</summary>
    public static bool IsLocalArn(string arn) =>
        arn.StartsWith($"arn:{LocalRegionConstants.Partition}:acm:{LocalRegionConstants.Region}:{LocalRegionConstants.Account}:certificate/", StringComparison.Ordinal);

    private CertificateRecord Find(string? arn)
    {
        if (string.IsNullOrEmpty(arn) || !ArnPattern().IsMatch(arn))
        {
            throw new LocalServiceException("InvalidArnException", $"String '{arn}' is not a valid ARN.");
        }

        return _certificates.TryGetValue(arn, out var record)
            ? record
            : throw new LocalServiceException("ResourceNotFoundException", $"Could not find certificate {arn}.");
    }

    private void Save(CertificateRecord record)
    {
        using var transaction = _connection.BeginTransaction();
        _table.Put(_connection, transaction, record.Arn, record);
        transaction.Commit();
        _certificates[record.Arn] = record;
    }

    private static string ValidDomain(string? name, string member)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 253 || !DomainPattern().IsMatch(name))
        {
            throw Validation($"1 validation error detected: Value '{name}' at '{member}' failed to satisfy constraint: Member must satisfy regular expression pattern: {DomainPattern()}");
        }

        return name.ToLowerInvariant();
    }

    private static string ColonSeparated(string hex) =>
        string.Join(':', Enumerable.Range(0, hex.Length / 2).Select(i => hex.Substring(i * 2, 2).ToLowerInvariant()));

    private static LocalServiceException Validation(string message) => new("ValidationException", message);

    // ACM's own patterns (service model acm-2015-12-08: DomainNameString, Arn).
    [GeneratedRegex(@"^(\*\.)?(((?!-)[A-Za-z0-9-]{0,62}[A-Za-z0-9])\.)+((?!-)[A-Za-z0-9-]{1,62}[A-Za-z0-9])$")]
    private static partial Regex DomainPattern();

    [GeneratedRegex(@"^arn:[\w+=/,.@-]+:acm:[\w+=/,.@-]*:[0-9]+:[\w+=,.@-]+(/[\w+=,.@-]+)*$")]
    private static partial Regex ArnPattern();
}

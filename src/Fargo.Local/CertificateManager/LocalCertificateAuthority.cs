using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fargo.Local.Home;

namespace Fargo.Local.CertificateManager;

/// <summary>
/// The local region's certificate authority: one self-signed root made once in FARGO_HOME/local/acm (ca-cert.pem,
/// the file to trust; ca-key.pem beside it, readable by the user alone) that signs every certificate the local ACM
/// issues. Trusting the one file makes every locally issued domain certificate verify, as trusting Amazon's roots does.
/// </summary>
internal sealed class LocalCertificateAuthority : IDisposable
{
    public const string CertificateFileName = "ca-cert.pem";
    public const string KeyFileName = "ca-key.pem";
    public const string SubjectName = "CN=Fargo local region CA, O=Fargo local region";

    private readonly X509Certificate2 _root;

    private LocalCertificateAuthority(X509Certificate2 root, string certificatePath)
    {
        _root = root;
        CertificatePath = certificatePath;
        CertificatePem = root.ExportCertificatePem();
    }

    /// <summary>Where the root certificate is kept: what <c>curl --cacert</c> or a trust store takes.</summary>
    public string CertificatePath { get; }

    public string CertificatePem { get; }

    public static LocalCertificateAuthority LoadOrCreate(string directory, TimeProvider time)
    {
        var certificatePath = Path.Combine(directory, CertificateFileName);
        var keyPath = Path.Combine(directory, KeyFileName);
        if (File.Exists(certificatePath) && File.Exists(keyPath))
        {
            var existing = X509Certificate2.CreateFromPemFile(certificatePath, keyPath);
            if (existing.NotAfter.ToUniversalTime() > time.GetUtcNow().UtcDateTime.AddDays(30))
            {
                return new LocalCertificateAuthority(existing, certificatePath);
            }

            existing.Dispose();
        }

        FargoHome.CreatePrivateDirectory(directory);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(SubjectName, key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = time.GetUtcNow();
        using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(10));
        FargoHome.WritePrivateFile(keyPath, Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
        FargoHome.WritePrivateFile(certificatePath, Encoding.ASCII.GetBytes(created.ExportCertificatePem()));
        return new LocalCertificateAuthority(X509Certificate2.CreateFromPemFile(certificatePath, keyPath), certificatePath);
    }

    /// <summary>
    /// A server certificate for <paramref name="domainName"/> and its alternative names (wildcards allowed, as ACM
    /// allows them), valid 13 months from now as ACM's are, signed by the root. Returns the certificate and key as PEM.
    /// </summary>
    public IssuedCertificate Issue(string domainName, IReadOnlyList<string> alternativeNames, DateTimeOffset now)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={domainName}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in new[] { domainName }.Concat(alternativeNames).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1"), new Oid("1.3.6.1.5.5.7.3.2")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_root, true, false));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7f;
        var notAfter = now.AddMonths(13);
        using var issued = request.Create(_root, now.AddMinutes(-5), notAfter < _root.NotAfter ? notAfter : _root.NotAfter, serial);
        return new IssuedCertificate(issued.ExportCertificatePem(), key.ExportPkcs8PrivateKeyPem(), issued.SerialNumber, issued.Subject, _root.Subject, issued.NotBefore.ToUniversalTime(), issued.NotAfter.ToUniversalTime());
    }

    public void Dispose() => _root.Dispose();
}

/// <summary>A certificate the authority signed: PEM texts and what DescribeCertificate shows of it.</summary>
internal sealed record IssuedCertificate(string CertificatePem, string PrivateKeyPem, string SerialHex, string Subject, string Issuer, DateTime NotBefore, DateTime NotAfter);

using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Fargo.Local.LoadBalancing.DataPlane;

/// <summary>
/// The certificate of local HTTPS listeners: self-signed, made once and kept in FARGO_HOME (cert.pem to
/// trust it, key.pem beside it, readable by the user alone), for localhost, *.local.elb.localhost,
/// 127.0.0.1 and ::1. Renewed when it is about to expire.
/// </summary>
internal static class DevelopmentCertificate
{
    public const string CertificateFileName = "development-cert.pem";
    public const string KeyFileName = "development-key.pem";

    /// <summary>What DescribeListeners shows for a local HTTPS listener created without a certificate.</summary>
    public const string LocalCertificateArn = "arn:" + LocalRegionConstants.Partition + ":acm:" + LocalRegionConstants.Region + ":" + LocalRegionConstants.Account + ":certificate/fargo-local-development";

    private static readonly Lock Gate = new();

    public static X509Certificate2 LoadOrCreate(string directory)
    {
        lock (Gate)
        {
            var certificatePath = Path.Combine(directory, CertificateFileName);
            var keyPath = Path.Combine(directory, KeyFileName);
            if (File.Exists(certificatePath) && File.Exists(keyPath))
            {
                var existing = Load(certificatePath, keyPath);
                if (existing.NotAfter > DateTime.UtcNow.AddDays(7))
                {
                    return existing;
                }

                existing.Dispose();
            }

            Home.FargoHome.CreatePrivateDirectory(directory);
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=localhost, O=Fargo local region", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddDnsName("localhost");
            names.AddDnsName("*." + ElbArns.DnsSuffix);
            names.AddIpAddress(IPAddress.Loopback);
            names.AddIpAddress(IPAddress.IPv6Loopback);
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
            var now = DateTimeOffset.UtcNow;
            using var created = request.CreateSelfSigned(now.AddMinutes(-5), now.AddYears(1));
            Home.FargoHome.WritePrivateFile(keyPath, System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
            Home.FargoHome.WritePrivateFile(certificatePath, System.Text.Encoding.ASCII.GetBytes(created.ExportCertificatePem()));
            return Load(certificatePath, keyPath);
        }
    }

    private static X509Certificate2 Load(string certificatePath, string keyPath) =>
        ForKestrel(File.ReadAllText(certificatePath), File.ReadAllText(keyPath));

    /// <summary>A certificate and its key from PEM, in the form a listener can serve.</summary>
    internal static X509Certificate2 ForKestrel(string certificatePem, string keyPem)
    {
        using var pem = X509Certificate2.CreateFromPem(certificatePem, keyPem);

        // Kestrel on Linux wants a certificate whose key is not ephemeral: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}

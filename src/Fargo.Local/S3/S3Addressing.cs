namespace Fargo.Local.S3;

/// <summary>The bucket and key a request addresses, and how it addressed them.</summary>
internal sealed record S3Address(string? Bucket, string? Key, bool VirtualHosted);

/// <summary>
/// Path style (http://127.0.0.1:PORT/BUCKET/KEY, what the SDKs use for an IP endpoint) and virtual-hosted style
/// (http://BUCKET.s3.localhost:PORT/KEY, or BUCKET.s3.local.localhost: the region's own host form, as ECR's registry
/// host is). Names under .localhost resolve to the loopback address (RFC 6761) in curl, .NET and systemd-resolved.
/// </summary>
internal static class S3Addressing
{
    public const string HostSuffix = ".s3.localhost";
    public const string RegionalHostSuffix = ".s3." + LocalRegionConstants.Region + ".localhost";

    private static readonly string[] Suffixes = [RegionalHostSuffix, HostSuffix];

    /// <summary>The bucket a virtual-hosted Host header names, or null for any other host.</summary>
    public static string? BucketOfHost(string? host)
    {
        if (string.IsNullOrEmpty(host))
        {
            return null;
        }

        var name = host;
        var colon = name.LastIndexOf(':');
        if (colon > 0 && !name.EndsWith(']'))
        {
            name = name[..colon];
        }

        name = name.ToLowerInvariant();
        foreach (var suffix in Suffixes)
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal) && name.Length > suffix.Length)
            {
                return name[..^suffix.Length];
            }
        }

        return null;
    }

    /// <summary>Reads the bucket and key from the Host header and the raw (still percent-encoded) path.</summary>
    public static S3Address Resolve(string? host, string rawPath)
    {
        var path = rawPath.StartsWith('/') ? rawPath[1..] : rawPath;
        if (BucketOfHost(host) is { } bucket)
        {
            return new S3Address(bucket, path.Length == 0 ? null : Decode(path), true);
        }

        if (path.Length == 0)
        {
            return new S3Address(null, null, false);
        }

        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0)
        {
            return new S3Address(Decode(path), null, false);
        }

        var key = path[(slash + 1)..];
        return new S3Address(Decode(path[..slash]), key.Length == 0 ? null : Decode(key), false);
    }

    private static string Decode(string value) => Uri.UnescapeDataString(value);
}

using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Fargo.Local.S3;

internal sealed partial class S3Api
{
    private S3Response ListBuckets() =>
        new(200, [], new XElement(Ns + "ListAllMyBucketsResult",
            Owner(),
            new XElement(Ns + "Buckets", store.ListBuckets().Select(b => new XElement(Ns + "Bucket",
                new XElement(Ns + "Name", b.Name),
                new XElement(Ns + "CreationDate", Iso(b.CreationDate)),
                new XElement(Ns + "BucketRegion", LocalRegionConstants.Region))))));

    private async Task<S3Response> CreateBucketAsync(S3Request request)
    {
        var body = await ReadSmallBodyAsync(request).ConfigureAwait(false);
        if (body.Length > 0)
        {
            var location = ParseXml(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "LocationConstraint")?.Value;
            if (location is { Length: > 0 } && location != LocalRegionConstants.Region)
            {
                throw new S3Exception("IllegalLocationConstraintException",
                    $"The {location} location constraint is incompatible for the region specific endpoint this request was sent to.", 400);
            }
        }

        store.CreateBucket(request.Bucket);
        return new S3Response(200, [new("Location", "/" + request.Bucket)]);
    }

    private S3Response HeadBucket(S3Request request)
    {
        store.GetBucket(request.Bucket);
        return new S3Response(200, [new("x-amz-bucket-region", LocalRegionConstants.Region)]);
    }

    private S3Response DeleteBucket(S3Request request)
    {
        store.DeleteBucket(request.Bucket);
        return new S3Response(204, []);
    }

    private S3Response GetLocation(S3Request request)
    {
        store.GetBucket(request.Bucket);
        return new S3Response(200, [], new XElement(Ns + "LocationConstraint", LocalRegionConstants.Region));
    }

    private S3Response GetVersioning(S3Request request)
    {
        var bucket = store.GetBucket(request.Bucket);
        var xml = new XElement(Ns + "VersioningConfiguration");
        if (bucket.Versioning is { } status)
        {
            xml.Add(new XElement(Ns + "Status", status));
        }

        return new S3Response(200, [], xml);
    }

    private async Task<S3Response> PutVersioningAsync(S3Request request)
    {
        var body = await ReadSmallBodyAsync(request).ConfigureAwait(false);
        var status = ParseXml(body).Descendants().FirstOrDefault(e => e.Name.LocalName == "Status")?.Value;
        if (status is not (S3Store.Enabled or S3Store.Suspended))
        {
            throw S3Exception.MalformedXml();
        }

        store.Configure(request.Bucket, b => b.Versioning = status);
        return new S3Response(200, []);
    }

    private async Task<S3Response> PutPolicyAsync(S3Request request)
    {
        var body = Encoding.UTF8.GetString(await ReadSmallBodyAsync(request).ConfigureAwait(false));
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(body);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new S3Exception("MalformedPolicy", "Policies must be valid JSON and the first byte must be '{'", 400);
        }

        store.Configure(request.Bucket, b => b.Policy = body);
        return new S3Response(204, []);
    }

    private S3Response GetPolicy(S3Request request)
    {
        var policy = store.GetBucket(request.Bucket).Policy
            ?? throw new S3Exception("NoSuchBucketPolicy", "The bucket policy does not exist", 404, ("BucketName", request.Bucket));
        var bytes = Encoding.UTF8.GetBytes(policy);
        return new S3Response(200, [new("Content-Type", "application/json")], Body: (s, ct) => s.WriteAsync(bytes, ct).AsTask(), Length: bytes.Length);
    }

    private S3Response DeletePolicy(S3Request request)
    {
        store.Configure(request.Bucket, b => b.Policy = null);
        return new S3Response(204, []);
    }

    private S3Response ListObjects(S3Request request)
    {
        var (prefix, delimiter, maxKeys, encode) = ListingArguments(request);
        var marker = request.Param("marker");
        var page = S3Listing.Page(store.ListLatest(request.Bucket), v => v.Key, prefix, delimiter, marker, maxKeys);
        var xml = new XElement(Ns + "ListBucketResult",
            new XElement(Ns + "Name", request.Bucket),
            new XElement(Ns + "Prefix", Encode(prefix, encode)),
            new XElement(Ns + "Marker", Encode(marker ?? "", encode)),
            new XElement(Ns + "MaxKeys", maxKeys),
            new XElement(Ns + "IsTruncated", page.IsTruncated ? "true" : "false"));
        if (delimiter is not null)
        {
            xml.Add(new XElement(Ns + "Delimiter", Encode(delimiter, encode)));
        }

        if (page.IsTruncated && delimiter is not null)
        {
            xml.Add(new XElement(Ns + "NextMarker", Encode(page.LastKey!, encode)));
        }

        AddEntries(xml, page, encode, fetchOwner: true);
        if (encode)
        {
            xml.Add(new XElement(Ns + "EncodingType", "url"));
        }

        return new S3Response(200, [], xml);
    }

    private S3Response ListObjectsV2(S3Request request)
    {
        var (prefix, delimiter, maxKeys, encode) = ListingArguments(request);
        var token = request.Param("continuation-token");
        var startAfter = request.Param("start-after");
        string? after = startAfter;
        if (token is not null)
        {
            try
            {
                after = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            }
            catch (FormatException)
            {
                throw S3Exception.InvalidArgument("The continuation token provided is incorrect", "continuation-token", token);
            }
        }

        var page = S3Listing.Page(store.ListLatest(request.Bucket), v => v.Key, prefix, delimiter, after, maxKeys);
        var xml = new XElement(Ns + "ListBucketResult",
            new XElement(Ns + "Name", request.Bucket),
            new XElement(Ns + "Prefix", Encode(prefix, encode)),
            new XElement(Ns + "KeyCount", page.Entries.Count + page.CommonPrefixes.Count),
            new XElement(Ns + "MaxKeys", maxKeys),
            new XElement(Ns + "IsTruncated", page.IsTruncated ? "true" : "false"));
        if (delimiter is not null)
        {
            xml.Add(new XElement(Ns + "Delimiter", Encode(delimiter, encode)));
        }

        if (token is not null)
        {
            xml.Add(new XElement(Ns + "ContinuationToken", token));
        }

        if (page.IsTruncated)
        {
            xml.Add(new XElement(Ns + "NextContinuationToken", Convert.ToBase64String(Encoding.UTF8.GetBytes(page.LastKey!))));
        }

        if (startAfter is not null)
        {
            xml.Add(new XElement(Ns + "StartAfter", Encode(startAfter, encode)));
        }

        AddEntries(xml, page, encode, fetchOwner: request.Param("fetch-owner") == "true");
        if (encode)
        {
            xml.Add(new XElement(Ns + "EncodingType", "url"));
        }

        return new S3Response(200, [], xml);
    }

    private S3Response ListObjectVersions(S3Request request)
    {
        var (prefix, delimiter, maxKeys, encode) = ListingArguments(request);
        var keyMarker = request.Param("key-marker");
        var versionMarker = request.Param("version-id-marker");
        var versions = store.ListVersions(request.Bucket);
        var latest = versions.GroupBy(v => v.Key).ToDictionary(g => g.Key, g => g.First().VersionId, StringComparer.Ordinal);
        IEnumerable<ObjectVersionRecord> remaining = versions;
        if (keyMarker is { Length: > 0 })
        {
            // After the marker key entirely, or after the marker version within it.
            remaining = versions.Where(v => string.CompareOrdinal(v.Key, keyMarker) > 0
                || (v.Key == keyMarker && versionMarker is { Length: > 0 } && IsAfterVersion(versions, v, versionMarker)));
        }

        var page = S3Listing.Page(remaining, v => v.Key, prefix, delimiter, null, maxKeys);
        var xml = new XElement(Ns + "ListVersionsResult",
            new XElement(Ns + "Name", request.Bucket),
            new XElement(Ns + "Prefix", Encode(prefix, encode)),
            new XElement(Ns + "KeyMarker", Encode(keyMarker ?? "", encode)),
            new XElement(Ns + "VersionIdMarker", versionMarker ?? ""),
            new XElement(Ns + "MaxKeys", maxKeys),
            new XElement(Ns + "IsTruncated", page.IsTruncated ? "true" : "false"));
        if (delimiter is not null)
        {
            xml.Add(new XElement(Ns + "Delimiter", Encode(delimiter, encode)));
        }

        if (page.IsTruncated)
        {
            var last = page.Entries.Count > 0 ? page.Entries[^1] : null;
            var lastPrefix = page.CommonPrefixes.Count > 0 ? page.CommonPrefixes[^1] : null;
            var nextKey = last is not null && (lastPrefix is null || string.CompareOrdinal(last.Key, lastPrefix) > 0) ? last.Key : lastPrefix!;
            xml.Add(new XElement(Ns + "NextKeyMarker", Encode(nextKey, encode)));
            if (last is not null && nextKey == last.Key)
            {
                xml.Add(new XElement(Ns + "NextVersionIdMarker", last.VersionId));
            }
        }

        foreach (var version in page.Entries)
        {
            var isLatest = latest[version.Key] == version.VersionId ? "true" : "false";
            xml.Add(version.IsDeleteMarker
                ? new XElement(Ns + "DeleteMarker",
                    new XElement(Ns + "Key", Encode(version.Key, encode)),
                    new XElement(Ns + "VersionId", version.VersionId),
                    new XElement(Ns + "IsLatest", isLatest),
                    new XElement(Ns + "LastModified", Iso(version.LastModified)),
                    Owner())
                : new XElement(Ns + "Version",
                    new XElement(Ns + "Key", Encode(version.Key, encode)),
                    new XElement(Ns + "VersionId", version.VersionId),
                    new XElement(Ns + "IsLatest", isLatest),
                    new XElement(Ns + "LastModified", Iso(version.LastModified)),
                    new XElement(Ns + "ETag", version.ETag),
                    new XElement(Ns + "Size", version.Size),
                    new XElement(Ns + "StorageClass", "STANDARD"),
                    Owner()));
        }

        foreach (var common in page.CommonPrefixes)
        {
            xml.Add(new XElement(Ns + "CommonPrefixes", new XElement(Ns + "Prefix", Encode(common, encode))));
        }

        if (encode)
        {
            xml.Add(new XElement(Ns + "EncodingType", "url"));
        }

        return new S3Response(200, [], xml);
    }

    /// <summary>Whether <paramref name="version"/> comes after the version <paramref name="marker"/> of the same key (newest first).</summary>
    private static bool IsAfterVersion(IReadOnlyList<ObjectVersionRecord> versions, ObjectVersionRecord version, string marker)
    {
        var markerRecord = versions.FirstOrDefault(v => v.Key == version.Key && v.VersionId == marker);
        return markerRecord is not null && version.Sequence < markerRecord.Sequence;
    }

    private static (string Prefix, string? Delimiter, int MaxKeys, bool Encode) ListingArguments(S3Request request)
    {
        var maxKeys = 1000;
        if (request.Param("max-keys") is { } given && (!int.TryParse(given, NumberStyles.None, CultureInfo.InvariantCulture, out maxKeys) || maxKeys < 0))
        {
            throw S3Exception.InvalidArgument("Provided max-keys not an integer or within integer range", "max-keys", given);
        }

        var encoding = request.Param("encoding-type");
        if (encoding is not null && encoding != "url")
        {
            throw S3Exception.InvalidArgument("Invalid Encoding Method specified in Request", "encoding-type", encoding);
        }

        var delimiter = request.Param("delimiter");
        return (request.Param("prefix") ?? "", delimiter is { Length: > 0 } ? delimiter : null, Math.Min(maxKeys, 1000), encoding == "url");
    }

    private static void AddEntries(XElement xml, ListingPage<ObjectVersionRecord> page, bool encode, bool fetchOwner)
    {
        foreach (var entry in page.Entries)
        {
            var contents = new XElement(Ns + "Contents",
                new XElement(Ns + "Key", Encode(entry.Key, encode)),
                new XElement(Ns + "LastModified", Iso(entry.LastModified)),
                new XElement(Ns + "ETag", entry.ETag),
                new XElement(Ns + "Size", entry.Size),
                new XElement(Ns + "StorageClass", "STANDARD"));
            if (entry.ChecksumAlgorithm is not null)
            {
                contents.Add(new XElement(Ns + "ChecksumAlgorithm", entry.ChecksumAlgorithm), new XElement(Ns + "ChecksumType", entry.ChecksumType));
            }

            if (fetchOwner)
            {
                contents.Add(Owner());
            }

            xml.Add(contents);
        }

        foreach (var common in page.CommonPrefixes)
        {
            xml.Add(new XElement(Ns + "CommonPrefixes", new XElement(Ns + "Prefix", Encode(common, encode))));
        }
    }

    /// <summary>encoding-type=url: keys URL-encoded in the answer, as the CLI asks so that any key survives XML.</summary>
    private static string Encode(string value, bool encode) =>
        encode ? Uri.EscapeDataString(value).Replace("%2F", "/", StringComparison.Ordinal) : value;

    private static XElement ParseXml(byte[] body)
    {
        try
        {
            return XDocument.Parse(Encoding.UTF8.GetString(body)).Root ?? throw S3Exception.MalformedXml();
        }
        catch (XmlException)
        {
            throw S3Exception.MalformedXml();
        }
    }
}

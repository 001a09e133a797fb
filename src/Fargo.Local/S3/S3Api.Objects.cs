using System.Globalization;
using System.Xml.Linq;

namespace Fargo.Local.S3;

internal sealed partial class S3Api
{
    /// <summary>The content headers S3 stores with an object and gives back on GET and HEAD.</summary>
    internal static readonly string[] StoredHeaders = ["Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language", "Expires"];

    private async Task<S3Response> PutObjectAsync(S3Request request)
    {
        var bucket = store.GetBucket(request.Bucket);
        var staged = await StageBodyAsync(request).ConfigureAwait(false);
        var version = store.PutObject(request.Bucket, request.Key, staged, Attributes(request));
        var headers = new List<KeyValuePair<string, string>> { new("ETag", version.ETag) };
        AddVersionHeader(headers, bucket, version);
        AddChecksumHeaders(headers, version);
        return new S3Response(200, headers);
    }

    private S3Response GetObject(S3Request request, bool head) =>
        new S3ObjectReader(store).Read(request.Bucket, request.Key, request.Param("versionId"), request.Header, request.Param, head);

    private S3Response DeleteObject(S3Request request)
    {
        store.GetBucket(request.Bucket);
        var (versionId, marker) = store.DeleteObject(request.Bucket, request.Key, request.Param("versionId"));
        var headers = new List<KeyValuePair<string, string>>();
        if (versionId is not null)
        {
            headers.Add(new("x-amz-version-id", versionId));
        }

        if (marker)
        {
            headers.Add(new("x-amz-delete-marker", "true"));
        }

        return new S3Response(204, headers);
    }

    private async Task<S3Response> DeleteObjectsAsync(S3Request request)
    {
        store.GetBucket(request.Bucket);
        if (request.Header("Content-MD5") is null && DeclaredChecksum(request) is null)
        {
            throw S3Exception.InvalidRequest("Missing required header for this request: Content-MD5");
        }

        var document = ParseXml(await ReadSmallBodyAsync(request).ConfigureAwait(false));
        var quiet = document.Elements().FirstOrDefault(e => e.Name.LocalName == "Quiet")?.Value == "true";
        var objects = document.Elements().Where(e => e.Name.LocalName == "Object").ToList();
        if (objects.Count > 1000)
        {
            throw S3Exception.MalformedXml();
        }

        var result = new XElement(Ns + "DeleteResult");
        foreach (var entry in objects)
        {
            var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "Key")?.Value ?? throw S3Exception.MalformedXml();
            var requestedVersion = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "VersionId")?.Value;
            try
            {
                var (versionId, marker) = store.DeleteObject(request.Bucket, key, requestedVersion);
                if (quiet)
                {
                    continue;
                }

                var deleted = new XElement(Ns + "Deleted", new XElement(Ns + "Key", key));
                if (requestedVersion is not null)
                {
                    deleted.Add(new XElement(Ns + "VersionId", requestedVersion));
                }

                if (marker)
                {
                    deleted.Add(new XElement(Ns + "DeleteMarker", "true"), new XElement(Ns + "DeleteMarkerVersionId", versionId));
                }

                result.Add(deleted);
            }
            catch (S3Exception e)
            {
                var error = new XElement(Ns + "Error", new XElement(Ns + "Key", key));
                if (requestedVersion is not null)
                {
                    error.Add(new XElement(Ns + "VersionId", requestedVersion));
                }

                error.Add(new XElement(Ns + "Code", e.Code), new XElement(Ns + "Message", e.Message));
                result.Add(error);
            }
        }

        return new S3Response(200, [], result);
    }

    private async Task<S3Response> CopyObjectAsync(S3Request request)
    {
        var bucket = store.GetBucket(request.Bucket);
        var (source, sourceHeaders) = CopySource(request);
        var replace = string.Equals(request.Header("x-amz-metadata-directive"), "REPLACE", StringComparison.OrdinalIgnoreCase);
        if (source.Bucket == request.Bucket && source.Key == request.Key && !replace && request.Param("versionId") is null)
        {
            throw S3Exception.InvalidRequest("This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.");
        }

        StagedBlob staged;
        await using (var file = store.OpenRead(source))
        {
            staged = await store.StageAsync(file, source.ChecksumAlgorithm is { } algorithm && source.ChecksumType == "FULL_OBJECT" ? algorithm : null, request.Http.RequestAborted).ConfigureAwait(false);
        }

        var attributes = replace
            ? Attributes(request)
            : new ObjectAttributes(source.ContentType, source.Headers, source.Metadata);
        var version = store.PutObject(request.Bucket, request.Key, staged, attributes);
        var headers = new List<KeyValuePair<string, string>>(sourceHeaders);
        AddVersionHeader(headers, bucket, version);
        return new S3Response(200, headers, new XElement(Ns + "CopyObjectResult",
            new XElement(Ns + "LastModified", Iso(version.LastModified)),
            new XElement(Ns + "ETag", version.ETag)));
    }

    /// <summary>The object x-amz-copy-source names ("bucket/key", URL-encoded, optionally "?versionId=…").</summary>
    private (ObjectVersionRecord Source, List<KeyValuePair<string, string>> Headers) CopySource(S3Request request)
    {
        var value = request.Header("x-amz-copy-source")!;
        string? versionId = null;
        var question = value.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            var argument = value[(question + 1)..];
            versionId = argument.StartsWith("versionId=", StringComparison.Ordinal) ? Uri.UnescapeDataString(argument["versionId=".Length..]) : null;
            value = value[..question];
        }

        var path = Uri.UnescapeDataString(value).TrimStart('/');
        var slash = path.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == path.Length - 1)
        {
            throw S3Exception.InvalidArgument("Invalid copy source object key", "x-amz-copy-source", request.Header("x-amz-copy-source")!);
        }

        var sourceBucket = store.GetBucket(path[..slash]);
        var source = store.GetObject(sourceBucket.Name, path[(slash + 1)..], versionId);
        var headers = new List<KeyValuePair<string, string>>();
        if (sourceBucket.Versioning is not null)
        {
            headers.Add(new("x-amz-copy-source-version-id", source.VersionId));
        }

        return (source, headers);
    }

    /// <summary>Content-Type, the stored content headers and x-amz-meta-* of the request (aws-chunked is transfer framing, not the object's encoding).</summary>
    private static ObjectAttributes Attributes(S3Request request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in StoredHeaders)
        {
            if (request.Header(name) is { } value)
            {
                var kept = name == "Content-Encoding"
                    ? string.Join(",", value.Split(',').Select(e => e.Trim()).Where(e => !e.Equals("aws-chunked", StringComparison.OrdinalIgnoreCase)))
                    : value;
                if (kept.Length > 0)
                {
                    headers[name] = kept;
                }
            }
        }

        var metadata = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in request.Wire.Headers)
        {
            if (name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase))
            {
                metadata[name["x-amz-meta-".Length..].ToLowerInvariant()] = value;
            }
        }

        return new ObjectAttributes(request.Header("Content-Type"), headers, metadata);
    }

    internal static void AddVersionHeader(List<KeyValuePair<string, string>> headers, BucketRecord bucket, ObjectVersionRecord version)
    {
        if (bucket.Versioning is not null)
        {
            headers.Add(new("x-amz-version-id", version.VersionId));
        }
    }

    internal static void AddChecksumHeaders(List<KeyValuePair<string, string>> headers, ObjectVersionRecord version)
    {
        if (version.ChecksumAlgorithm is { } algorithm && version.ChecksumValue is { } value)
        {
            headers.Add(new(S3Checksums.HeaderOf(algorithm), value));
            headers.Add(new("x-amz-checksum-type", version.ChecksumType ?? "FULL_OBJECT"));
        }
    }
}

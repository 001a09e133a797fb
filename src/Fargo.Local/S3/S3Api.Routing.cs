using System.Globalization;

namespace Fargo.Local.S3;

internal sealed partial class S3Api
{
    /// <summary>Query parameters that are arguments of an operation, not a sub-resource naming another one.</summary>
    private static readonly HashSet<string> Arguments = new(StringComparer.Ordinal)
    {
        "list-type", "prefix", "delimiter", "max-keys", "continuation-token", "start-after", "encoding-type", "fetch-owner", "marker",
        "key-marker", "version-id-marker", "upload-id-marker", "max-uploads", "max-parts", "part-number-marker", "versionId", "partNumber",
        "uploadId", "x-id", "response-content-type", "response-content-disposition", "response-cache-control", "response-content-encoding",
        "response-content-language", "response-expires", "bucket-region", "continuation-token", "max-buckets",
    };

    private Task<S3Response> RouteAsync(S3Request request)
    {
        var method = request.Method;
        var subresources = request.Query.Keys.Where(k => !Arguments.Contains(k) && !k.StartsWith("X-Amz-", StringComparison.Ordinal)).ToList();
        var sub = subresources.FirstOrDefault();
        if (request.Address.Bucket is null)
        {
            return method == "GET" && sub is null ? Done(ListBuckets()) : throw NotImplemented(method, null, sub);
        }

        if (request.Address.Key is null)
        {
            return (method, sub) switch
            {
                ("PUT", null) => CreateBucketAsync(request),
                ("PUT", "versioning") => PutVersioningAsync(request),
                ("PUT", "policy") => PutPolicyAsync(request),
                ("GET", null) when request.Param("list-type") == "2" => Done(ListObjectsV2(request)),
                ("GET", null) => Done(ListObjects(request)),
                ("GET", "versions") => Done(ListObjectVersions(request)),
                ("GET", "uploads") => Done(ListMultipartUploads(request)),
                ("GET", "location") => Done(GetLocation(request)),
                ("GET", "versioning") => Done(GetVersioning(request)),
                ("GET", "policy") => Done(GetPolicy(request)),
                ("HEAD", null) => Done(HeadBucket(request)),
                ("DELETE", null) => Done(DeleteBucket(request)),
                ("DELETE", "policy") => Done(DeletePolicy(request)),
                ("POST", "delete") => DeleteObjectsAsync(request),
                _ => throw NotImplemented(method, "Bucket", sub),
            };
        }

        return (method, sub) switch
        {
            ("PUT", null) when request.Param("uploadId") is not null => UploadPartAsync(request),
            ("PUT", null) when request.Header("x-amz-copy-source") is not null => CopyObjectAsync(request),
            ("PUT", null) => PutObjectAsync(request),
            ("GET", null) when request.Param("uploadId") is not null => Done(ListParts(request)),
            ("GET", null) => Done(GetObject(request, head: false)),
            ("HEAD", null) => Done(GetObject(request, head: true)),
            ("DELETE", null) when request.Param("uploadId") is not null => Done(AbortMultipartUpload(request)),
            ("DELETE", null) => Done(DeleteObject(request)),
            ("POST", "uploads") => Done(CreateMultipartUpload(request)),
            ("POST", null) when request.Param("uploadId") is not null => CompleteMultipartUploadAsync(request),
            _ => throw NotImplemented(method, "Object", sub),
        };
    }

    private static Task<S3Response> Done(S3Response response) => Task.FromResult(response);

    /// <summary>
    /// An S3 operation the local region does not implement, named as AWS's model names it (GetBucketTagging,
    /// PutObjectAcl…), refused as every other service refuses what it does not implement.
    /// </summary>
    private static S3Exception NotImplemented(string method, string? resource, string? subresource)
    {
        var verb = method switch { "GET" or "HEAD" => "Get", "PUT" => "Put", "DELETE" => "Delete", _ => method[..1] + method[1..].ToLowerInvariant() };
        var name = subresource is null ? "" : char.ToUpper(subresource[0], CultureInfo.InvariantCulture) + subresource[1..];
        var operation = verb + (resource ?? "") + name;
        return new S3Exception(
            "NotImplementedByLocalRegion",
            $"The local region does not implement S3's {operation} operation ({method}{(subresource is null ? "" : " ?" + subresource)}); docs/s3.md lists what it implements.",
            501);
    }
}

namespace Fargo.Local.Iam;

/// <summary>
/// S3's operations as IAM actions: unlike the other services, S3's actions are not its operations' names (ListObjectsV2
/// and HeadBucket are s3:ListBucket, HeadObject is s3:GetObject, the multipart calls are s3:PutObject), as the Service
/// Authorization Reference's S3 page maps them.
/// </summary>
internal static class S3Actions
{
    /// <summary>The call of an S3 request: its action and the bucket and key names of its resource.</summary>
    public static ApiCall Of(string method, string? subresource, string? bucket, string? key, IReadOnlyDictionary<string, string> query)
    {
        var versioned = query.ContainsKey("versionId");
        var upload = query.ContainsKey("uploadId");
        var action = (bucket, key, method, subresource) switch
        {
            (null, _, _, _) => "ListAllMyBuckets",
            (_, null, "PUT", null) => "CreateBucket",
            (_, null, "PUT", "versioning") => "PutBucketVersioning",
            (_, null, "PUT", "policy") => "PutBucketPolicy",
            (_, null, "GET" or "HEAD", null) => "ListBucket",
            (_, null, "GET", "versions") => "ListBucketVersions",
            (_, null, "GET", "uploads") => "ListBucketMultipartUploads",
            (_, null, "GET", "location") => "GetBucketLocation",
            (_, null, "GET", "versioning") => "GetBucketVersioning",
            (_, null, "GET", "policy") => "GetBucketPolicy",
            (_, null, "DELETE", null) => "DeleteBucket",
            (_, null, "DELETE", "policy") => "DeleteBucketPolicy",
            (_, null, "POST", "delete") => "DeleteObject",
            (_, not null, "GET", null) when upload => "ListMultipartUploadParts",
            (_, not null, "GET" or "HEAD", null) => versioned ? "GetObjectVersion" : "GetObject",
            (_, not null, "DELETE", null) when upload => "AbortMultipartUpload",
            (_, not null, "DELETE", null) => versioned ? "DeleteObjectVersion" : "DeleteObject",
            (_, not null, "PUT" or "POST", _) => "PutObject",
            _ => method[..1] + method[1..].ToLowerInvariant() + (key is null ? "Bucket" : "Object"),
        };

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (bucket is not null)
        {
            names["BucketName"] = bucket;
            // DeleteObjects names its keys in the body, which is read later: it is authorized on every key of the bucket.
            names["ObjectName"] = key ?? "*";
        }

        return new ApiCall("s3", action, [names], [], [], []);
    }

    /// <summary>The access key id a request is signed with (Authorization header or presigned query), or null when unsigned.</summary>
    public static string? SignerKeyId(string? authorization, string? presignedCredential)
    {
        var credential = presignedCredential;
        var start = authorization?.IndexOf("Credential=", StringComparison.Ordinal) ?? -1;
        if (start >= 0)
        {
            credential = authorization![(start + "Credential=".Length)..].Split(',')[0].Trim();
        }

        return credential?.Split('/')[0];
    }
}

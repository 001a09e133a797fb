namespace Fargo.Local.S3;

/// <summary>An S3 error as S3 answers it: the code, the message, the HTTP status, and the extra elements of its XML (Key, BucketName…).</summary>
internal sealed class S3Exception : Exception
{
    public S3Exception(string code, string message, int status, params (string Name, string Value)[] details)
        : base(message)
    {
        Code = code;
        Status = status;
        Details = details;
    }

    public S3Exception()
        : this("InternalError", "We encountered an internal error. Please try again.", 500)
    {
    }

    public S3Exception(string message)
        : this("InternalError", message, 500)
    {
    }

    public S3Exception(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "InternalError";
        Status = 500;
        Details = [];
    }

    public string Code { get; }

    public int Status { get; }

    public IReadOnlyList<(string Name, string Value)> Details { get; }

    public static S3Exception NoSuchBucket(string bucket) =>
        new("NoSuchBucket", "The specified bucket does not exist", 404, ("BucketName", bucket));

    public static S3Exception NoSuchKey(string key) => new("NoSuchKey", "The specified key does not exist.", 404, ("Key", key));

    public static S3Exception NoSuchVersion(string key, string versionId) =>
        new("NoSuchVersion", "The specified version does not exist.", 404, ("Key", key), ("VersionId", versionId));

    public static S3Exception NoSuchUpload(string uploadId) =>
        new("NoSuchUpload", "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.", 404, ("UploadId", uploadId));

    public static S3Exception InvalidArgument(string message, string name, string value) =>
        new("InvalidArgument", message, 400, ("ArgumentName", name), ("ArgumentValue", value));

    public static S3Exception InvalidRequest(string message) => new("InvalidRequest", message, 400);

    public static S3Exception SignatureDoesNotMatch() =>
        new("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", 403);

    public static S3Exception MalformedXml() =>
        new("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);
}

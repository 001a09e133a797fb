namespace Fargo.Local.S3;

/// <summary>A bucket and the configuration S3 keeps on it (set through the API or from a template's AWS::S3::Bucket).</summary>
internal sealed class BucketRecord
{
    public required string Name { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    /// <summary>Null until versioning is first configured; then "Enabled" or "Suspended" (a bucket never goes back to unversioned).</summary>
    public string? Versioning { get; set; }

    /// <summary>The bucket policy document (JSON), recorded; the local region authorizes with its own credentials, not bucket policies.</summary>
    public string? Policy { get; set; }

    /// <summary>Days after which current objects expire (the lifecycle's Expiration), enforced by the store's sweep.</summary>
    public int? ExpirationDays { get; set; }

    /// <summary>Days after which noncurrent versions expire (NoncurrentVersionExpiration), enforced too.</summary>
    public int? NoncurrentExpirationDays { get; set; }

    /// <summary>The template's configuration recorded as given (lifecycle, public access block, encryption, ownership, logging), by property name.</summary>
    public Dictionary<string, string> Configuration { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A counter that orders the versions written into this bucket (newest highest).</summary>
    public long Sequence { get; set; }
}

/// <summary>One version of an object, or a delete marker. Its bytes are a file in the store's blob folder.</summary>
internal sealed class ObjectVersionRecord
{
    public required string Bucket { get; init; }

    public required string Key { get; init; }

    /// <summary>"null" in a bucket whose versioning is not enabled, as S3 names it.</summary>
    public required string VersionId { get; init; }

    public required long Sequence { get; init; }

    public bool IsDeleteMarker { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    public long Size { get; init; }

    /// <summary>The ETag with its quotes: the MD5 of the bytes, or of the parts' MD5s plus "-N" for a multipart upload.</summary>
    public string ETag { get; init; } = "";

    public string? BlobId { get; init; }

    public string? ContentType { get; init; }

    /// <summary>Content-Encoding, Content-Disposition, Cache-Control, Content-Language, Expires, as given at upload.</summary>
    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>User metadata (x-amz-meta-*), names lower case without the prefix.</summary>
    public Dictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The checksum S3 keeps for the object: algorithm (CRC32, CRC32C, SHA1, SHA256, CRC64NVME) and base64 value.</summary>
    public string? ChecksumAlgorithm { get; init; }

    public string? ChecksumValue { get; init; }

    /// <summary>FULL_OBJECT, or COMPOSITE for a multipart upload's checksum of checksums ("…-N").</summary>
    public string? ChecksumType { get; init; }

    public int? PartsCount { get; init; }
}

/// <summary>A multipart upload in progress: what CreateMultipartUpload fixed, and the parts uploaded so far.</summary>
internal sealed class MultipartUploadRecord
{
    public required string UploadId { get; init; }

    public required string Bucket { get; init; }

    public required string Key { get; init; }

    public required DateTimeOffset Initiated { get; init; }

    public string? ContentType { get; init; }

    public Dictionary<string, string> Headers { get; init; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, string> Metadata { get; init; } = new(StringComparer.Ordinal);

    public string? ChecksumAlgorithm { get; init; }

    /// <summary>COMPOSITE (a checksum of the parts' checksums) or FULL_OBJECT (the CRC of the whole object), as CreateMultipartUpload asked.</summary>
    public string? ChecksumType { get; init; }

    public List<PartRecord> Parts { get; init; } = [];
}

internal sealed class PartRecord
{
    public required int PartNumber { get; init; }

    public required string ETag { get; init; }

    public required long Size { get; init; }

    public required string BlobId { get; init; }

    public required DateTimeOffset LastModified { get; init; }

    public string? ChecksumValue { get; init; }
}

/// <summary>What a client sent with an object: its content headers and user metadata.</summary>
internal sealed record ObjectAttributes(
    string? ContentType,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyDictionary<string, string> Metadata);

/// <summary>A body written to a staging file, with what was computed over it.</summary>
internal sealed record StagedBlob(string BlobId, string Path, long Size, byte[] Md5, byte[] Sha256, string? ChecksumAlgorithm, string? ChecksumValue);

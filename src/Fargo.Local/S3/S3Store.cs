using System.Security.Cryptography;
using Fargo.Local.State;
using Microsoft.Data.Sqlite;

namespace Fargo.Local.S3;

/// <summary>
/// S3, locally: buckets, object versions and multipart uploads. Metadata lives in state.db (written through in one
/// transaction per change, as every service's state); the bytes are files under FARGO_HOME/local/s3. A body is first
/// written to a staging file, then renamed into the blob folder, then committed to the database: a crash at any point
/// leaves the object as it was before or after, and the startup sweep removes staged or unreferenced files.
/// </summary>
internal sealed class S3Store : IDisposable
{
    public const string NullVersion = "null";
    public const string Enabled = "Enabled";
    public const string Suspended = "Suspended";

    private readonly SqliteConnection _connection;
    private readonly DocumentTable<BucketRecord> _buckets;
    private readonly DocumentTable<ObjectVersionRecord> _objects;
    private readonly DocumentTable<MultipartUploadRecord> _uploads;
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, BucketState> _state = new(StringComparer.Ordinal);

    public S3Store(string databasePath, string directory, TimeProvider time)
    {
        _time = time;
        BlobDirectory = Path.Combine(directory, "blobs");
        StagingDirectory = Path.Combine(directory, "staging");
        Directory.CreateDirectory(BlobDirectory);
        Directory.CreateDirectory(StagingDirectory);
        _connection = StateDatabase.Open(databasePath);
        _buckets = new DocumentTable<BucketRecord>(_connection, "s3_buckets", LocalJsonContext.Default.BucketRecord);
        _objects = new DocumentTable<ObjectVersionRecord>(_connection, "s3_objects", LocalJsonContext.Default.ObjectVersionRecord);
        _uploads = new DocumentTable<MultipartUploadRecord>(_connection, "s3_uploads", LocalJsonContext.Default.MultipartUploadRecord);
        foreach (var bucket in _buckets.LoadAll(_connection))
        {
            _state[bucket.Name] = new BucketState(bucket);
        }

        foreach (var version in _objects.LoadAll(_connection))
        {
            if (_state.TryGetValue(version.Bucket, out var bucket))
            {
                bucket.Versions(version.Key).Add(version);
            }
        }

        foreach (var upload in _uploads.LoadAll(_connection))
        {
            if (_state.TryGetValue(upload.Bucket, out var bucket))
            {
                bucket.Uploads[upload.UploadId] = upload;
            }
        }

        foreach (var versions in _state.Values.SelectMany(b => b.Objects.Values))
        {
            versions.Sort(static (a, b) => b.Sequence.CompareTo(a.Sequence));
        }

        SweepFiles();
    }

    public string BlobDirectory { get; }

    public string StagingDirectory { get; }

    public void Dispose() => _connection.Dispose();

    public BucketRecord CreateBucket(string name)
    {
        S3Names.ValidateBucket(name);
        lock (_gate)
        {
            if (_state.ContainsKey(name))
            {
                throw new S3Exception("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409, ("BucketName", name));
            }

            var bucket = new BucketRecord { Name = name, CreationDate = _time.GetUtcNow() };
            _state[name] = new BucketState(bucket);
            Write((c, t) => _buckets.Put(c, t, name, bucket));
            return bucket;
        }
    }

    public void DeleteBucket(string name)
    {
        lock (_gate)
        {
            var bucket = Require(name);
            if (bucket.Objects.Values.Any(v => v.Count > 0))
            {
                throw new S3Exception("BucketNotEmpty", "The bucket you tried to delete is not empty. You must delete all versions in the bucket.", 409, ("BucketName", name));
            }

            var uploads = bucket.Uploads.Values.ToList();
            Write((c, t) =>
            {
                foreach (var upload in uploads)
                {
                    _uploads.Delete(c, t, upload.UploadId);
                }

                _buckets.Delete(c, t, name);
            });
            _state.Remove(name);
            DeleteBlobs(uploads.SelectMany(u => u.Parts).Select(p => p.BlobId));
        }
    }

    public IReadOnlyList<BucketRecord> ListBuckets()
    {
        lock (_gate)
        {
            return [.. _state.Values.Select(b => b.Record).OrderBy(b => b.Name, StringComparer.Ordinal)];
        }
    }

    public BucketRecord GetBucket(string name)
    {
        lock (_gate)
        {
            return Require(name).Record;
        }
    }

    public bool BucketExists(string name)
    {
        lock (_gate)
        {
            return _state.ContainsKey(name);
        }
    }

    /// <summary>Changes a bucket's configuration (versioning, policy, recorded template settings) in one write.</summary>
    public BucketRecord Configure(string name, Action<BucketRecord> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var bucket = Require(name).Record;
            change(bucket);
            Write((c, t) => _buckets.Put(c, t, name, bucket));
            return bucket;
        }
    }

    /// <summary>Writes a body to a staging file, computing its MD5 and, when asked, one of S3's checksums.</summary>
    public async Task<StagedBlob> StageAsync(Stream body, string? checksumAlgorithm, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var blobId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var path = Path.Combine(StagingDirectory, blobId);
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var checksum = checksumAlgorithm is null ? null : S3Checksums.Create(checksumAlgorithm);
        long size = 0;
        try
        {
            await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1, FileOptions.Asynchronous))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await body.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    md5.AppendData(buffer, 0, read);
                    sha256.AppendData(buffer, 0, read);
                    checksum?.Append(buffer.AsSpan(0, read));
                    await file.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                    size += read;
                }

                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
                file.Flush(flushToDisk: true);
            }
        }
        catch
        {
            File.Delete(path);
            throw;
        }

        return new StagedBlob(blobId, path, size, md5.GetHashAndReset(), sha256.GetHashAndReset(), checksumAlgorithm, checksum is null ? null : Convert.ToBase64String(checksum.Digest()));
    }

    /// <summary>A staged body that is not going to be stored.</summary>
    public static void Discard(StagedBlob staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        File.Delete(staged.Path);
    }

    /// <summary>Stores a staged body as the newest version of a key (replacing the "null" version where versioning is not enabled).</summary>
    public ObjectVersionRecord PutObject(string bucketName, string key, StagedBlob staged, ObjectAttributes attributes, string? etag = null, string? checksumType = null, int? partsCount = null)
    {
        ArgumentNullException.ThrowIfNull(staged);
        ArgumentNullException.ThrowIfNull(attributes);
        S3Names.ValidateKey(key);
        lock (_gate)
        {
            var bucket = Require(bucketName);
            File.Move(staged.Path, BlobPath(staged.BlobId));
            var version = new ObjectVersionRecord
            {
                Bucket = bucketName,
                Key = key,
                VersionId = bucket.Record.Versioning == Enabled ? NewVersionId() : NullVersion,
                Sequence = ++bucket.Record.Sequence,
                LastModified = _time.GetUtcNow(),
                Size = staged.Size,
                ETag = etag ?? $"\"{Convert.ToHexStringLower(staged.Md5)}\"",
                BlobId = staged.BlobId,
                ContentType = attributes.ContentType ?? "binary/octet-stream",
                Headers = new(attributes.Headers, StringComparer.OrdinalIgnoreCase),
                Metadata = new(attributes.Metadata, StringComparer.Ordinal),
                ChecksumAlgorithm = staged.ChecksumAlgorithm,
                ChecksumValue = staged.ChecksumValue,
                ChecksumType = staged.ChecksumAlgorithm is null ? null : checksumType ?? "FULL_OBJECT",
                PartsCount = partsCount,
            };
            AddVersion(bucket, version);
            return version;
        }
    }

    /// <summary>
    /// The version asked for (the latest when <paramref name="versionId"/> is null). A key whose latest version is a
    /// delete marker is NoSuchKey, as is a key never written; asking for a delete marker by id is MethodNotAllowed.
    /// </summary>
    public ObjectVersionRecord GetObject(string bucketName, string key, string? versionId)
    {
        lock (_gate)
        {
            var bucket = Require(bucketName);
            var versions = bucket.Objects.GetValueOrDefault(key) ?? [];
            if (versionId is null)
            {
                var latest = versions.FirstOrDefault();
                if (latest is null || latest.IsDeleteMarker)
                {
                    throw latest is null ? S3Exception.NoSuchKey(key) : DeleteMarkerException(S3Exception.NoSuchKey(key), latest);
                }

                return latest;
            }

            var version = versions.FirstOrDefault(v => v.VersionId == versionId)
                ?? throw (S3Names.IsValidVersionId(versionId) ? S3Exception.NoSuchVersion(key, versionId) : S3Exception.InvalidArgument("Invalid version id specified", "versionId", versionId));
            if (version.IsDeleteMarker)
            {
                throw DeleteMarkerException(new S3Exception("MethodNotAllowed", "The specified method is not allowed against this resource.", 405, ("Method", "GET"), ("ResourceType", "DeleteMarker")), version);
            }

            return version;
        }
    }

    public FileStream OpenRead(ObjectVersionRecord version)
    {
        ArgumentNullException.ThrowIfNull(version);
        return new FileStream(BlobPath(version.BlobId!), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 1, FileOptions.Asynchronous);
    }

    /// <summary>
    /// DeleteObject: without a version id, the latest goes (unversioned) or a delete marker is added (versioning
    /// enabled or suspended); with one, that version is removed for good. Returns the version id and whether it is a
    /// delete marker, as S3 echoes them.
    /// </summary>
    public (string? VersionId, bool DeleteMarker) DeleteObject(string bucketName, string key, string? versionId)
    {
        lock (_gate)
        {
            var bucket = Require(bucketName);
            var versions = bucket.Versions(key);
            if (versionId is not null)
            {
                var version = versions.FirstOrDefault(v => v.VersionId == versionId);
                if (version is null)
                {
                    if (!S3Names.IsValidVersionId(versionId))
                    {
                        throw S3Exception.InvalidArgument("Invalid version id specified", "versionId", versionId);
                    }

                    return (versionId, false);
                }

                RemoveVersions(bucket, [version]);
                return (versionId, version.IsDeleteMarker);
            }

            if (bucket.Record.Versioning is null)
            {
                RemoveVersions(bucket, [.. versions]);
                return (null, false);
            }

            var marker = new ObjectVersionRecord
            {
                Bucket = bucketName,
                Key = key,
                VersionId = bucket.Record.Versioning == Enabled ? NewVersionId() : NullVersion,
                Sequence = ++bucket.Record.Sequence,
                LastModified = _time.GetUtcNow(),
                IsDeleteMarker = true,
            };
            AddVersion(bucket, marker);
            return (marker.VersionId, true);
        }
    }

    /// <summary>The latest version of every key that has one which is not a delete marker, in key order.</summary>
    public IReadOnlyList<ObjectVersionRecord> ListLatest(string bucketName)
    {
        lock (_gate)
        {
            return [.. Require(bucketName).Objects.Values.Select(v => v.FirstOrDefault()).OfType<ObjectVersionRecord>().Where(v => !v.IsDeleteMarker)];
        }
    }

    /// <summary>Every version and delete marker, by key, newest first within a key.</summary>
    public IReadOnlyList<ObjectVersionRecord> ListVersions(string bucketName)
    {
        lock (_gate)
        {
            return [.. Require(bucketName).Objects.Values.SelectMany(v => v)];
        }
    }

    public MultipartUploadRecord CreateUpload(string bucketName, string key, ObjectAttributes attributes, string? checksumAlgorithm, string? checksumType)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        S3Names.ValidateKey(key);
        lock (_gate)
        {
            var bucket = Require(bucketName);
            var upload = new MultipartUploadRecord
            {
                UploadId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24)),
                Bucket = bucketName,
                Key = key,
                Initiated = _time.GetUtcNow(),
                ContentType = attributes.ContentType,
                Headers = new(attributes.Headers, StringComparer.OrdinalIgnoreCase),
                Metadata = new(attributes.Metadata, StringComparer.Ordinal),
                ChecksumAlgorithm = checksumAlgorithm,
                ChecksumType = checksumAlgorithm is null ? null : checksumType ?? "COMPOSITE",
            };
            bucket.Uploads[upload.UploadId] = upload;
            Write((c, t) => _uploads.Put(c, t, upload.UploadId, upload));
            return upload;
        }
    }

    public MultipartUploadRecord GetUpload(string bucketName, string key, string uploadId)
    {
        lock (_gate)
        {
            var bucket = Require(bucketName);
            return bucket.Uploads.TryGetValue(uploadId, out var upload) && upload.Key == key ? upload : throw S3Exception.NoSuchUpload(uploadId);
        }
    }

    public IReadOnlyList<MultipartUploadRecord> ListUploads(string bucketName)
    {
        lock (_gate)
        {
            return [.. Require(bucketName).Uploads.Values.OrderBy(u => u.Key, StringComparer.Ordinal).ThenBy(u => u.Initiated)];
        }
    }

    public PartRecord PutPart(string bucketName, string key, string uploadId, int partNumber, StagedBlob staged)
    {
        ArgumentNullException.ThrowIfNull(staged);
        if (partNumber is < 1 or > 10000)
        {
            throw S3Exception.InvalidArgument("Part number must be an integer between 1 and 10000, inclusive", "partNumber", partNumber.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        lock (_gate)
        {
            var upload = GetUpload(bucketName, key, uploadId);
            File.Move(staged.Path, BlobPath(staged.BlobId));
            var part = new PartRecord
            {
                PartNumber = partNumber,
                ETag = $"\"{Convert.ToHexStringLower(staged.Md5)}\"",
                Size = staged.Size,
                BlobId = staged.BlobId,
                LastModified = _time.GetUtcNow(),
                ChecksumValue = staged.ChecksumValue,
            };
            var replaced = upload.Parts.Where(p => p.PartNumber == partNumber).ToList();
            upload.Parts.RemoveAll(p => p.PartNumber == partNumber);
            upload.Parts.Add(part);
            upload.Parts.Sort(static (a, b) => a.PartNumber.CompareTo(b.PartNumber));
            Write((c, t) => _uploads.Put(c, t, upload.UploadId, upload));
            DeleteBlobs(replaced.Select(p => p.BlobId));
            return part;
        }
    }

    public void AbortUpload(string bucketName, string key, string uploadId)
    {
        lock (_gate)
        {
            var upload = GetUpload(bucketName, key, uploadId);
            Write((c, t) => _uploads.Delete(c, t, uploadId));
            _state[bucketName].Uploads.Remove(uploadId);
            DeleteBlobs(upload.Parts.Select(p => p.BlobId));
        }
    }

    /// <summary>Removes a completed upload's record and its part files, once the object they made is stored.</summary>
    public void FinishUpload(MultipartUploadRecord upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        lock (_gate)
        {
            Write((c, t) => _uploads.Delete(c, t, upload.UploadId));
            if (_state.TryGetValue(upload.Bucket, out var bucket))
            {
                bucket.Uploads.Remove(upload.UploadId);
            }

            DeleteBlobs(upload.Parts.Select(p => p.BlobId));
        }
    }

    public string BlobPath(string blobId) => Path.Combine(BlobDirectory, blobId);

    /// <summary>
    /// Applies the buckets' lifecycle expiration as S3 does, at most a day late: a current object older than its
    /// Expiration days gets a delete marker (versioned) or goes (unversioned); a noncurrent version goes
    /// NoncurrentVersionExpiration days after a newer one replaced it. Returns how many versions changed.
    /// </summary>
    public int ApplyLifecycle()
    {
        var now = _time.GetUtcNow();
        var changed = 0;
        foreach (var bucket in ListBuckets())
        {
            foreach (var (key, versions) in Snapshot(bucket.Name))
            {
                if (bucket.ExpirationDays is { } days && versions.FirstOrDefault() is { IsDeleteMarker: false } current && current.LastModified.AddDays(days) <= now)
                {
                    DeleteObject(bucket.Name, key, null);
                    changed++;
                }

                if (bucket.NoncurrentExpirationDays is { } noncurrentDays)
                {
                    for (var i = 1; i < versions.Count; i++)
                    {
                        if (versions[i - 1].LastModified.AddDays(noncurrentDays) <= now)
                        {
                            DeleteObject(bucket.Name, key, versions[i].VersionId);
                            changed++;
                        }
                    }
                }
            }
        }

        return changed;
    }

    private List<(string Key, List<ObjectVersionRecord> Versions)> Snapshot(string bucketName)
    {
        lock (_gate)
        {
            return _state.TryGetValue(bucketName, out var bucket) ? [.. bucket.Objects.Select(o => (o.Key, o.Value.ToList()))] : [];
        }
    }

    private void AddVersion(BucketState bucket, ObjectVersionRecord version)
    {
        var versions = bucket.Versions(version.Key);
        var replaced = version.VersionId == NullVersion ? versions.Where(v => v.VersionId == NullVersion).ToList() : [];
        Write((c, t) =>
        {
            foreach (var old in replaced)
            {
                _objects.Delete(c, t, Id(old));
            }

            _objects.Put(c, t, Id(version), version);
            _buckets.Put(c, t, bucket.Record.Name, bucket.Record);
        });
        versions.RemoveAll(replaced.Contains);
        versions.Insert(0, version);
        DeleteBlobs(replaced.Select(v => v.BlobId));
    }

    private void RemoveVersions(BucketState bucket, IReadOnlyList<ObjectVersionRecord> versions)
    {
        if (versions.Count == 0)
        {
            return;
        }

        Write((c, t) =>
        {
            foreach (var version in versions)
            {
                _objects.Delete(c, t, Id(version));
            }
        });
        var key = versions[0].Key;
        var list = bucket.Versions(key);
        list.RemoveAll(versions.Contains);
        if (list.Count == 0)
        {
            bucket.Objects.Remove(key);
        }

        DeleteBlobs(versions.Select(v => v.BlobId));
    }

    private void DeleteBlobs(IEnumerable<string?> blobIds)
    {
        foreach (var id in blobIds.OfType<string>())
        {
            File.Delete(BlobPath(id));
        }
    }

    /// <summary>Removes what a crash left behind: staged bodies, and blobs no version or part refers to.</summary>
    private void SweepFiles()
    {
        foreach (var staged in Directory.EnumerateFiles(StagingDirectory))
        {
            File.Delete(staged);
        }

        var referenced = _state.Values.SelectMany(b => b.Objects.Values.SelectMany(v => v).Select(v => v.BlobId)
            .Concat(b.Uploads.Values.SelectMany(u => u.Parts).Select(p => p.BlobId))).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var blob in Directory.EnumerateFiles(BlobDirectory))
        {
            if (!referenced.Contains(Path.GetFileName(blob)))
            {
                File.Delete(blob);
            }
        }
    }

    private BucketState Require(string name) => _state.TryGetValue(name, out var bucket) ? bucket : throw S3Exception.NoSuchBucket(name);

    private void Write(Action<SqliteConnection, SqliteTransaction> change) => StateDatabase.InTransaction(_connection, change);

    private static S3Exception DeleteMarkerException(S3Exception error, ObjectVersionRecord marker)
    {
        error.Data["x-amz-delete-marker"] = "true";
        error.Data["x-amz-version-id"] = marker.VersionId;
        return error;
    }

    private static string Id(ObjectVersionRecord version) => $"{version.Bucket}\n{version.Key}\n{version.VersionId}";

    private static string NewVersionId() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '.').Replace('/', '_');

    private sealed class BucketState(BucketRecord record)
    {
        public BucketRecord Record { get; } = record;

        public SortedDictionary<string, List<ObjectVersionRecord>> Objects { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, MultipartUploadRecord> Uploads { get; } = new(StringComparer.Ordinal);

        public List<ObjectVersionRecord> Versions(string key)
        {
            if (!Objects.TryGetValue(key, out var versions))
            {
                versions = [];
                Objects[key] = versions;
            }

            return versions;
        }
    }
}

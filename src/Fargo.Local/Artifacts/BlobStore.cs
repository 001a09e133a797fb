using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Fargo.Local.Artifacts;

/// <summary>An upload in progress (the Registry API's blob upload session).</summary>
internal sealed record BlobUpload(string Id, string Repository, string Path);

/// <summary>
/// The blobs of the local registry's Registry API. An image's blobs are its files' contents, addressed by their
/// SHA-256: those of stored artifacts are served from the artifacts themselves; pushed ones wait in
/// <c>uploads/blobs/&lt;hex&gt;</c> until a manifest names them. Uploads are written to disk as they arrive
/// (never held in memory) and checked against the digest the client names when it completes them.
/// </summary>
internal sealed class BlobStore
{
    private readonly ArtifactStore _artifacts;
    private readonly string _blobs;
    private readonly string _sessions;
    private readonly ConcurrentDictionary<string, BlobUpload> _uploads = new(StringComparer.Ordinal);

    public BlobStore(ArtifactStore artifacts, string uploadsDirectory)
    {
        _artifacts = artifacts;
        _blobs = Path.Combine(uploadsDirectory, "blobs");
        _sessions = Path.Combine(uploadsDirectory, "sessions");
        Directory.CreateDirectory(_blobs);
        Directory.CreateDirectory(_sessions);
    }

    /// <summary>The file holding a blob (by "sha256:HEX"), or null when the registry doesn't have it.</summary>
    public string? TryGetPath(string digest)
    {
        var hex = TryHex(digest);
        if (hex is null)
        {
            return null;
        }

        var uploaded = Path.Combine(_blobs, hex);
        return File.Exists(uploaded) ? uploaded : _artifacts.TryFindFile(hex);
    }

    /// <summary>The file of a blob by its hex SHA-256: what <see cref="ArtifactStore.AssembleAsync"/> builds images from.</summary>
    public string? TryGetPathOfHex(string hex) => TryGetPath("sha256:" + hex);

    public BlobUpload Start(string repository)
    {
        var id = Guid.NewGuid().ToString("D");
        var upload = new BlobUpload(id, repository, Path.Combine(_sessions, id));
        File.WriteAllBytes(upload.Path, []);
        _uploads[id] = upload;
        return upload;
    }

    public BlobUpload? Find(string repository, string id) =>
        _uploads.TryGetValue(id, out var upload) && upload.Repository == repository && File.Exists(upload.Path) ? upload : null;

    public static long SizeOf(BlobUpload upload) => new FileInfo(upload.Path).Length;

    /// <summary>Appends a chunk to the upload, streaming it to disk. Returns the upload's size after it.</summary>
    public static async Task<long> AppendAsync(BlobUpload upload, Stream chunk, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var file = new FileStream(upload.Path, FileMode.Append, FileAccess.Write, FileShare.None, 81920, useAsync: true);
        await using (file.ConfigureAwait(false))
        {
            await chunk.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
            return file.Length;
        }
    }

    /// <summary>
    /// Completes an upload: its content must hash to <paramref name="digest"/>, or it is discarded and false returned
    /// (the Registry API's DIGEST_INVALID).
    /// </summary>
    public async Task<bool> CompleteAsync(BlobUpload upload, string digest, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(upload);
        var hex = TryHex(digest);
        string actual;
        var content = File.OpenRead(upload.Path);
        await using (content.ConfigureAwait(false))
        {
            actual = Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken).ConfigureAwait(false));
        }

        _uploads.TryRemove(upload.Id, out _);
        if (hex is null || actual != hex)
        {
            File.Delete(upload.Path);
            return false;
        }

        if (TryGetPath(digest) is null)
        {
            File.Move(upload.Path, Path.Combine(_blobs, hex), overwrite: true);
        }
        else
        {
            File.Delete(upload.Path);
        }

        return true;
    }

    public void Cancel(BlobUpload upload)
    {
        ArgumentNullException.ThrowIfNull(upload);
        _uploads.TryRemove(upload.Id, out _);
        File.Delete(upload.Path);
    }

    /// <summary>Pushed blobs that a stored artifact now holds are served from it; their upload copy goes.</summary>
    public void Release(ArtifactManifest manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        foreach (var entry in ArtifactManifestEntries.Parse(manifest.Text))
        {
            if (entry.Kind == ArtifactEntryKind.File && _artifacts.TryFindFile(entry.Sha256!) is not null)
            {
                File.Delete(Path.Combine(_blobs, entry.Sha256!));
            }
        }
    }

    private static string? TryHex(string digest)
    {
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return null;
        }

        var hex = digest["sha256:".Length..];
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigitLower) ? hex : null;
    }
}

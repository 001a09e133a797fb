namespace Fargo.Local.Artifacts;

/// <summary>
/// The content-addressed store behind the local ECR: one read-only folder per digest
/// (<c>images/&lt;hex&gt;/</c>) with its canonical manifest beside it (<c>images/&lt;hex&gt;.manifest</c>).
/// Tasks run in these folders directly; nothing in them changes once stored.
/// </summary>
internal sealed class ArtifactStore : IDisposable
{
    private readonly string _images;
    private readonly string _uploads;
    private readonly SemaphoreSlim _gate = new(1, 1);

    // Blob (file content SHA-256, hex) → a stored file holding it; built on first use from the stored manifests.
    private readonly Dictionary<string, string> _index = new(StringComparer.Ordinal);
    private readonly Lock _indexGate = new();
    private bool _indexed;

    public ArtifactStore(string imagesDirectory, string uploadsDirectory)
    {
        _images = imagesDirectory;
        _uploads = uploadsDirectory;
        Directory.CreateDirectory(_images);
        Directory.CreateDirectory(_uploads);
    }

    /// <summary>
    /// Stores the artifact a tar stream holds and returns its manifest (whose digest names it).
    /// <paramref name="beforeCommit"/> runs after the upload was read and before it is stored; it may
    /// throw to refuse the upload (the import endpoint checks the body's signed hash there).
    /// </summary>
    public async Task<ArtifactManifest> ImportAsync(Stream tar, Func<Task>? beforeCommit, CancellationToken cancellationToken)
    {
        var staging = Path.Combine(_uploads, Guid.NewGuid().ToString("N"));
        try
        {
            var root = Path.Combine(staging, "root");
            try
            {
                await ArtifactTar.ExtractAsync(tar, root, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or EndOfStreamException)
            {
                throw new ArtifactException("the upload is not a valid tar stream: " + e.Message, e);
            }

            if (beforeCommit is not null)
            {
                await beforeCommit().ConfigureAwait(false);
            }

            var manifest = ArtifactManifest.FromDirectory(root);
            await CommitAsync(root, manifest, cancellationToken).ConfigureAwait(false);
            return manifest;
        }
        finally
        {
            DeleteTree(staging);
        }
    }

    /// <summary>
    /// Builds the artifact a manifest describes out of blobs (the Registry API's push: blobs first, then the
    /// manifest), stores it and returns it. <paramref name="blobPath"/> gives the file holding a blob by its hex
    /// SHA-256, or null when the blob is not there. The folder built must serialize to exactly the manifest's text,
    /// so the image gets the very digest it had where it came from.
    /// </summary>
    public async Task<ArtifactManifest> AssembleAsync(string manifestText, Func<string, string?> blobPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(manifestText);
        ArgumentNullException.ThrowIfNull(blobPath);
        var entries = ArtifactManifestEntries.Parse(manifestText);
        var missing = entries.Where(e => e.Kind == ArtifactEntryKind.File && blobPath(e.Sha256!) is null).Select(e => "sha256:" + e.Sha256).Distinct().ToList();
        if (missing.Count > 0)
        {
            throw new MissingBlobsException(missing);
        }

        var existing = TryGetManifest(ArtifactManifest.DigestOf(manifestText));
        if (existing is not null)
        {
            MarkUsed(Hex(existing.Digest));
            return existing;
        }

        var staging = Path.Combine(_uploads, Guid.NewGuid().ToString("N"));
        try
        {
            var root = Path.Combine(staging, "root");
            Directory.CreateDirectory(root);
            foreach (var entry in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var target = Path.Combine(root, entry.Path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                switch (entry.Kind)
                {
                    case ArtifactEntryKind.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case ArtifactEntryKind.Link:
                        ArtifactManifest.CheckLinkTarget(entry.Path, entry.LinkTarget!);
                        File.CreateSymbolicLink(target, entry.LinkTarget!);
                        break;
                    default:
                        await CopyBlobAsync(blobPath(entry.Sha256!)!, target, entry.Executable, cancellationToken).ConfigureAwait(false);
                        break;
                }
            }

            var manifest = ArtifactManifest.FromDirectory(root);
            if (!string.Equals(manifest.Text, manifestText, StringComparison.Ordinal))
            {
                throw new ArtifactException("the manifest is not in canonical form (entries sorted, every parent directory listed, modes 644 or 755), so it can't name the folder it describes");
            }

            await CommitAsync(root, manifest, cancellationToken).ConfigureAwait(false);
            return manifest;
        }
        finally
        {
            DeleteTree(staging);
        }
    }

    /// <summary>
    /// A file in a stored artifact whose content has this SHA-256 (hex), or null. The Registry API serves an
    /// artifact's files as its blobs, so a blob that some stored image holds is there without being uploaded again.
    /// </summary>
    public string? TryFindFile(string sha256Hex)
    {
        lock (_indexGate)
        {
            if (!_indexed)
            {
                foreach (var digest in Digests())
                {
                    IndexManifest(digest, TryGetManifest(digest)?.Text);
                }

                _indexed = true;
            }

            return _index.TryGetValue(sha256Hex, out var path) && File.Exists(path) ? path : null;
        }
    }

    private async Task CommitAsync(string root, ArtifactManifest manifest, CancellationToken cancellationToken)
    {
        var hex = Hex(manifest.Digest);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var final = Path.Combine(_images, hex);
            if (!Directory.Exists(final))
            {
                MakeReadOnly(root);
                await File.WriteAllTextAsync(ManifestPath(hex) + ".tmp", manifest.Text, cancellationToken).ConfigureAwait(false);
                Directory.Move(root, final);
                File.Move(ManifestPath(hex) + ".tmp", ManifestPath(hex), overwrite: true);
            }
            else
            {
                MarkUsed(hex);
            }
        }
        finally
        {
            _gate.Release();
        }

        lock (_indexGate)
        {
            if (_indexed)
            {
                IndexManifest(manifest.Digest, manifest.Text);
            }
        }
    }

    private void IndexManifest(string digest, string? text)
    {
        if (text is null || TryHex(digest) is not { } hex)
        {
            return;
        }

        foreach (var entry in ArtifactManifestEntries.Parse(text))
        {
            if (entry.Kind == ArtifactEntryKind.File)
            {
                _index.TryAdd(entry.Sha256!, Path.Combine(_images, hex, entry.Path.Replace('/', Path.DirectorySeparatorChar)));
            }
        }
    }

    private static async Task CopyBlobAsync(string source, string target, bool executable, CancellationToken cancellationToken)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = executable
                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
        }

        var input = File.OpenRead(source);
        await using (input.ConfigureAwait(false))
        {
            var output = new FileStream(target, options);
            await using (output.ConfigureAwait(false))
            {
                await input.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The stored manifest of a digest, or null when no artifact with that digest is stored.</summary>
    public ArtifactManifest? TryGetManifest(string digest)
    {
        var hex = TryHex(digest);
        if (hex is null || !Directory.Exists(Path.Combine(_images, hex)) || !File.Exists(ManifestPath(hex)))
        {
            return null;
        }

        var text = File.ReadAllText(ManifestPath(hex));
        return new ArtifactManifest(text, SizeOf(text));
    }

    /// <summary>The folder a task with this image runs in, or null when the artifact is not stored.</summary>
    public string? TryGetRoot(string digest)
    {
        var hex = TryHex(digest);
        var root = hex is null ? null : Path.Combine(_images, hex);
        return root is not null && Directory.Exists(root) && File.Exists(ManifestPath(hex!)) ? root : null;
    }

    /// <summary>Removes an artifact nobody references any more.</summary>
    public void Delete(string digest)
    {
        var hex = TryHex(digest);
        if (hex is null)
        {
            return;
        }

        File.Delete(ManifestPath(hex));
        DeleteTree(Path.Combine(_images, hex));
        lock (_indexGate)
        {
            // Another artifact may hold the same content: index again on next use.
            _index.Clear();
            _indexed = false;
        }
    }

    /// <summary>
    /// Deletes every artifact outside <paramref name="keep"/> last stored (or stored again) before
    /// <paramref name="unusedSince"/>, and returns their digests. The grace lets an upload that is about to be tagged
    /// keep its artifact; imports wait while this runs.
    /// </summary>
    public async Task<IReadOnlyList<string>> DeleteUnreferencedAsync(IReadOnlySet<string> keep, DateTimeOffset unusedSince, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keep);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var deleted = new List<string>();
            foreach (var digest in Digests().ToList())
            {
                if (!keep.Contains(digest) && File.GetLastWriteTimeUtc(ManifestPath(Hex(digest))) < unusedSince.UtcDateTime)
                {
                    Delete(digest);
                    deleted.Add(digest);
                }
            }

            return deleted;
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Every digest in the store.</summary>
    public IEnumerable<string> Digests() =>
        Directory.EnumerateFiles(_images, "*.manifest").Select(path => "sha256:" + Path.GetFileNameWithoutExtension(path));

    private string ManifestPath(string hex) => Path.Combine(_images, hex + ".manifest");

    /// <summary>An upload of content already stored counts as a fresh store for <see cref="DeleteUnreferencedAsync"/>.</summary>
    private void MarkUsed(string hex) => File.SetLastWriteTimeUtc(ManifestPath(hex), DateTime.UtcNow);

    private static long SizeOf(string manifestText)
    {
        long total = 0;
        foreach (var line in manifestText.Split('\n'))
        {
            if (line.StartsWith("f\t", StringComparison.Ordinal))
            {
                total += long.Parse(line.Split('\t')[2], System.Globalization.CultureInfo.InvariantCulture);
            }
        }

        return total;
    }

    private static string Hex(string digest) => TryHex(digest) ?? throw new ArgumentException($"not a sha256 digest: {digest}", nameof(digest));

    private static string? TryHex(string digest)
    {
        if (!digest.StartsWith("sha256:", StringComparison.Ordinal))
        {
            return null;
        }

        var hex = digest["sha256:".Length..];
        return hex.Length == 64 && hex.All(char.IsAsciiHexDigitLower) ? hex : null;
    }

    private static void MakeReadOnly(string root)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        foreach (var entry in new DirectoryInfo(root).EnumerateFileSystemInfos("*", SearchOption.AllDirectories))
        {
            if (entry.LinkTarget is null && entry is FileInfo)
            {
                entry.UnixFileMode &= ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
            }
        }

        // Directories last, deepest first, so the walk above could still list them.
        foreach (var directory in new DirectoryInfo(root).EnumerateDirectories("*", SearchOption.AllDirectories).Reverse().Append(new DirectoryInfo(root)))
        {
            if (directory.LinkTarget is null)
            {
                directory.UnixFileMode &= ~(UnixFileMode.UserWrite | UnixFileMode.GroupWrite | UnixFileMode.OtherWrite);
            }
        }
    }

    /// <summary>Deletes a folder even when its contents were made read-only.</summary>
    private static void DeleteTree(string path)
    {
        if (!Directory.Exists(path))
        {
            return;
        }

        if (!OperatingSystem.IsWindows())
        {
            var root = new DirectoryInfo(path);
            root.UnixFileMode |= UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.UserRead;
            foreach (var directory in root.EnumerateDirectories("*", SearchOption.AllDirectories))
            {
                if (directory.LinkTarget is null)
                {
                    directory.UnixFileMode |= UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.UserRead;
                }
            }
        }

        Directory.Delete(path, recursive: true);
    }
}

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
            }
            finally
            {
                _gate.Release();
            }

            return manifest;
        }
        finally
        {
            DeleteTree(staging);
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
    }

    public void Dispose() => _gate.Dispose();

    /// <summary>Every digest in the store.</summary>
    public IEnumerable<string> Digests() =>
        Directory.EnumerateFiles(_images, "*.manifest").Select(path => "sha256:" + Path.GetFileNameWithoutExtension(path));

    private string ManifestPath(string hex) => Path.Combine(_images, hex + ".manifest");

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

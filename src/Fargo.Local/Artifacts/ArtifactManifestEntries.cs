using System.Globalization;

namespace Fargo.Local.Artifacts;

internal enum ArtifactEntryKind
{
    Directory,
    File,
    Link,
}

/// <summary>One line of an <see cref="ArtifactManifest"/>: a directory, a file (with its content's SHA-256, hex) or a link.</summary>
internal sealed record ArtifactManifestEntry(ArtifactEntryKind Kind, string Path, bool Executable = false, long Size = 0, string? Sha256 = null, string? LinkTarget = null);

/// <summary>Reads a manifest's lines back, strictly: a manifest from a client names what gets written to disk.</summary>
internal static class ArtifactManifestEntries
{
    public static IReadOnlyList<ArtifactManifestEntry> Parse(string manifestText)
    {
        ArgumentNullException.ThrowIfNull(manifestText);
        if (!ArtifactManifest.LooksLikeManifest(manifestText) || !manifestText.EndsWith('\n'))
        {
            throw new ArtifactException($"not a Fargo artifact manifest: it must start with the line {ArtifactManifest.Header} and end with a newline");
        }

        var lines = manifestText[..^1].Split('\n');
        var entries = new List<ArtifactManifestEntry>(lines.Length - 1);
        for (var i = 1; i < lines.Length; i++)
        {
            var fields = lines[i].Split('\t');
            var entry = fields switch
            {
                ["d", var path] => new ArtifactManifestEntry(ArtifactEntryKind.Directory, CheckPath(path)),
                ["l", var path, var target] => new ArtifactManifestEntry(ArtifactEntryKind.Link, CheckPath(path), LinkTarget: target),
                ["f", "644" or "755", var size, var hash, var path] when IsSize(size) && IsSha256(hash) =>
                    new ArtifactManifestEntry(ArtifactEntryKind.File, CheckPath(path), fields[1] == "755", long.Parse(size, CultureInfo.InvariantCulture), hash),
                _ => throw new ArtifactException($"line {i + 1} of the manifest is not a directory, file or link entry"),
            };
            entries.Add(entry);
        }

        return entries;
    }

    private static string CheckPath(string path)
    {
        ArtifactManifest.CheckName(path);
        if (path.Length == 0 || path.StartsWith('/') || path.Split('/').Any(s => s is "" or "." or ".."))
        {
            throw new ArtifactException($"\"{path}\": a manifest path must be relative, without empty, . or .. segments");
        }

        return path;
    }

    private static bool IsSize(string text) => text.Length is > 0 and < 19 && text.All(char.IsAsciiDigit);

    private static bool IsSha256(string text) => text.Length == 64 && text.All(char.IsAsciiHexDigitLower);
}

/// <summary>A manifest was pushed before the blobs it names: the Registry API's MANIFEST_BLOB_UNKNOWN.</summary>
public sealed class MissingBlobsException : Exception
{
    public MissingBlobsException(IReadOnlyList<string> digests)
        : base($"{digests.Count} blob(s) the manifest names are not in the registry, e.g. {digests[0]}")
    {
        Digests = digests;
    }

    public MissingBlobsException()
    {
        Digests = [];
    }

    public MissingBlobsException(string message)
        : base(message)
    {
        Digests = [];
    }

    public MissingBlobsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Digests = [];
    }

    public IReadOnlyList<string> Digests { get; }
}

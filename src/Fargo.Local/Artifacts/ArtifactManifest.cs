using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Fargo.Local.Artifacts;

/// <summary>
/// The canonical serialization of a directory artifact, and so its identity. The image digest is
/// <c>sha256:</c> + the hex SHA-256 of these bytes, just as an ECR image digest is the SHA-256 of its
/// manifest. Format (UTF-8, one line per entry, fields separated by a tab, each line ending in \n):
/// <code>
/// fargo-artifact-v1
/// d	PATH                         a directory
/// f	MODE	SIZE	SHA256	PATH       a regular file; MODE is 755 when any execute bit is set, else 644
/// l	PATH	TARGET                  a symbolic link (relative, staying inside the artifact)
/// </code>
/// PATH is relative to the artifact root with '/' separators; entries are sorted by the ordinal order of
/// their UTF-8 PATH bytes. Owners, times and other permission bits are not part of the identity; names
/// with control characters, hard links and device files are refused.
/// </summary>
internal sealed record ArtifactManifest(string Text, long TotalFileBytes)
{
    public const string Header = "fargo-artifact-v1";
    public const string MediaType = "application/vnd.fargo.artifact.manifest.v1+text";

    public string Digest => DigestOf(Text);

    public static string DigestOf(string manifestText)
    {
        ArgumentNullException.ThrowIfNull(manifestText);
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifestText)));
    }

    /// <summary>True when the text has the shape of a manifest (PutImage gets manifests back from clients).</summary>
    public static bool LooksLikeManifest(string text) => text.StartsWith(Header + "\n", StringComparison.Ordinal);

    /// <summary>Walks a directory and serializes it canonically.</summary>
    public static ArtifactManifest FromDirectory(string root)
    {
        ArgumentNullException.ThrowIfNull(root);
        root = Path.GetFullPath(root);
        if (!Directory.Exists(root))
        {
            throw new ArtifactException($"{root} is not a directory");
        }

        var lines = new List<(byte[] Key, string Line)>();
        long total = 0;
        Walk(new DirectoryInfo(root), "", lines, ref total);
        lines.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));

        var text = new StringBuilder(Header).Append('\n');
        foreach (var (_, line) in lines)
        {
            text.Append(line).Append('\n');
        }

        return new ArtifactManifest(text.ToString(), total);
    }

    private static void Walk(DirectoryInfo directory, string relative, List<(byte[] Key, string Line)> lines, ref long total)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            CheckName(path);
            var key = Encoding.UTF8.GetBytes(path);
            if (entry.LinkTarget is { } target)
            {
                CheckLinkTarget(path, target);
                lines.Add((key, $"l\t{path}\t{target}"));
            }
            else if (entry is DirectoryInfo subdirectory)
            {
                lines.Add((key, $"d\t{path}"));
                Walk(subdirectory, path, lines, ref total);
            }
            else if (entry is FileInfo file && (file.Attributes & FileAttributes.Device) == 0)
            {
                var mode = IsExecutable(file) ? "755" : "644";
                string hash;
                using (var stream = file.OpenRead())
                {
                    hash = Convert.ToHexStringLower(SHA256.HashData(stream));
                }

                total += file.Length;
                lines.Add((key, string.Create(CultureInfo.InvariantCulture, $"f\t{mode}\t{file.Length}\t{hash}\t{path}")));
            }
            else
            {
                throw new ArtifactException($"{path}: only regular files, directories and symbolic links can be part of an image");
            }
        }
    }

    internal static bool IsExecutable(FileSystemInfo file) =>
        !OperatingSystem.IsWindows()
        && (file.UnixFileMode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0;

    internal static void CheckName(string path)
    {
        foreach (var character in path)
        {
            if (char.IsControl(character))
            {
                throw new ArtifactException($"\"{path.ReplaceLineEndings(" ")}\": file names with control characters can't be part of an image");
            }
        }
    }

    /// <summary>A link must be relative and must not climb out of the artifact, so a task can't be pointed outside it.</summary>
    internal static void CheckLinkTarget(string path, string target)
    {
        CheckName(target);
        if (target.StartsWith('/'))
        {
            throw new ArtifactException($"{path}: symbolic link to the absolute path {target}; only links inside the image are allowed");
        }

        var depth = path.Count(c => c == '/');
        foreach (var segment in target.Split('/'))
        {
            depth += segment switch
            {
                ".." => -1,
                "." or "" => 0,
                _ => 1,
            };
            if (depth < 0)
            {
                throw new ArtifactException($"{path}: symbolic link {target} points outside the image");
            }
        }
    }
}

/// <summary>An artifact that can't be imported or read, with the reason a user can act on.</summary>
public sealed class ArtifactException : Exception
{
    public ArtifactException(string message)
        : base(message)
    {
    }

    public ArtifactException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public ArtifactException()
    {
    }
}

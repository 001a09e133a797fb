using System.Formats.Tar;
using System.Text;

namespace Fargo.Local.Artifacts;

/// <summary>
/// The upload format of an image: a POSIX (PAX) tar stream of the artifact directory. Entries are written
/// in canonical order with owners and times zeroed, so the same directory always gives the same bytes.
/// </summary>
public static class ArtifactTar
{
    /// <summary>Writes the directory as a tar stream.</summary>
    public static async Task WriteAsync(string directory, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        directory = Path.GetFullPath(directory);
        if (!Directory.Exists(directory))
        {
            throw new ArtifactException($"{directory} is not a directory");
        }

        var entries = new List<(byte[] Key, string Path, FileSystemInfo Info)>();
        Collect(new DirectoryInfo(directory), "", entries);
        entries.Sort((a, b) => a.Key.AsSpan().SequenceCompareTo(b.Key));

        var writer = new TarWriter(destination, TarEntryFormat.Pax, leaveOpen: true);
        await using (writer.ConfigureAwait(false))
        {
            foreach (var (_, path, info) in entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                PaxTarEntry entry;
                if (info.LinkTarget is { } target)
                {
                    ArtifactManifest.CheckLinkTarget(path, target);
                    entry = new PaxTarEntry(TarEntryType.SymbolicLink, path) { LinkName = target };
                }
                else if (info is DirectoryInfo)
                {
                    entry = new PaxTarEntry(TarEntryType.Directory, path + "/") { Mode = Mode(0b111_101_101) };
                }
                else if (info is FileInfo file && (file.Attributes & FileAttributes.Device) == 0)
                {
                    entry = new PaxTarEntry(TarEntryType.RegularFile, path)
                    {
                        Mode = Mode(ArtifactManifest.IsExecutable(file) ? 0b111_101_101 : 0b110_100_100),
                        DataStream = file.OpenRead(),
                    };
                }
                else
                {
                    throw new ArtifactException($"{path}: only regular files, directories and symbolic links can be part of an image");
                }

                entry.ModificationTime = DateTimeOffset.UnixEpoch;
                await writer.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
                if (entry.DataStream is { } data)
                {
                    await data.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Extracts a tar stream into an empty folder, refusing anything that could escape it (absolute paths,
    /// "..", links pointing out) and anything that is not a file, a directory or a symbolic link.
    /// </summary>
    public static async Task ExtractAsync(Stream source, string destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        destination = Path.GetFullPath(destination);
        Directory.CreateDirectory(destination);
        var reader = new TarReader(source, leaveOpen: true);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (entry.EntryType is TarEntryType.GlobalExtendedAttributes)
                {
                    continue;
                }

                var path = Normalize(entry.Name);
                if (path.Length == 0)
                {
                    continue;
                }

                RefuseLinkedParents(destination, path);
                var target = Path.Combine(destination, path.Replace('/', Path.DirectorySeparatorChar));
                var parent = Path.GetDirectoryName(target)!;
                Directory.CreateDirectory(parent);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory:
                        Directory.CreateDirectory(target);
                        break;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                        if (!OperatingSystem.IsWindows())
                        {
                            options.UnixCreateMode = (entry.Mode & (UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute)) != 0
                                ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                                : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
                        }

                        var file = new FileStream(target, options);
                        await using (file.ConfigureAwait(false))
                        {
                            if (entry.DataStream is { } data)
                            {
                                await data.CopyToAsync(file, cancellationToken).ConfigureAwait(false);
                            }
                        }

                        break;
                    case TarEntryType.SymbolicLink:
                        ArtifactManifest.CheckLinkTarget(path, entry.LinkName);
                        File.CreateSymbolicLink(target, entry.LinkName);
                        break;
                    default:
                        throw new ArtifactException($"{path}: tar entries of type {entry.EntryType} can't be part of an image");
                }
            }
        }
    }

    /// <summary>An entry must not be written through a symbolic link the archive made, or it could land outside.</summary>
    private static void RefuseLinkedParents(string destination, string path)
    {
        var current = destination;
        var segments = path.Split('/');
        for (var i = 0; i < segments.Length - 1; i++)
        {
            current = Path.Combine(current, segments[i]);
            if (new FileInfo(current).LinkTarget is not null)
            {
                throw new ArtifactException($"{path}: tar entry written through the symbolic link {string.Join('/', segments[..(i + 1)])}");
            }
        }
    }

    private static string Normalize(string name)
    {
        ArtifactManifest.CheckName(name);
        var segments = new List<string>();
        foreach (var segment in name.Replace('\\', '/').Split('/'))
        {
            if (segment is "" or ".")
            {
                continue;
            }

            if (segment == "..")
            {
                throw new ArtifactException($"{name}: tar entry climbs out of the image");
            }

            segments.Add(segment);
        }

        if (name.StartsWith('/'))
        {
            throw new ArtifactException($"{name}: tar entry with an absolute path");
        }

        return string.Join('/', segments);
    }

    private static void Collect(DirectoryInfo directory, string relative, List<(byte[] Key, string Path, FileSystemInfo Info)> entries)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos())
        {
            var path = relative.Length == 0 ? entry.Name : relative + "/" + entry.Name;
            ArtifactManifest.CheckName(path);
            entries.Add((Encoding.UTF8.GetBytes(path), path, entry));
            if (entry is DirectoryInfo subdirectory && entry.LinkTarget is null)
            {
                Collect(subdirectory, path, entries);
            }
        }
    }

    private static UnixFileMode Mode(int bits) => (UnixFileMode)bits;
}

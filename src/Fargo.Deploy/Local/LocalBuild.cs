using System.Diagnostics;
using Fargo.Config.Model;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Images.Building;
using Fargo.Deploy.SourceControl;

namespace Fargo.Deploy.Local;

/// <summary>A finished local build: the folder the local region imports as an image.</summary>
public sealed record LocalBuildResult(string Version, string OutputDirectory, TimeSpan Elapsed);

/// <summary>
/// `fargo build` on the local region: runs [local].build with {out} replaced by a fresh, empty folder, in the folder of
/// fargo.toml, through /bin/sh (so the command may use what a shell offers). The folder is then what `fargo push`
/// imports into the local ECR as the version's image.
/// </summary>
public static class LocalBuild
{
    /// <summary>Where a version's build output lives: &lt;builds&gt;/&lt;service&gt;/&lt;version&gt;.</summary>
    public static string OutputDirectory(string buildsRoot, string service, string version) =>
        Path.Combine(buildsRoot, service, version);

    public static async Task<LocalBuildResult> RunAsync(
        ServiceSettings settings,
        string projectDirectory,
        string buildsRoot,
        string version,
        IProgress<string>? output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var command = settings.Local?.Build;
        if (string.IsNullOrWhiteSpace(command))
        {
            throw new DeployUsageException(
                "fargo.toml has no [local] build command, so Fargo cannot build the service for the local region.",
                "Add it, e.g. [local] build = \"dotnet publish src/App -c Release -o {out}\" and command = \"dotnet App.dll\".");
        }

        if (!command.Contains("{out}", StringComparison.Ordinal))
        {
            throw new DeployUsageException($"[local].build must write its output to {{out}}: `{command}` does not mention it.", "For example: dotnet publish src/App -c Release -o {out}");
        }

        var outDirectory = OutputDirectory(buildsRoot, settings.Name, version);
        if (Directory.Exists(outDirectory))
        {
            Directory.Delete(outDirectory, recursive: true);
        }

        Directory.CreateDirectory(outDirectory);
        var script = command.Replace("{out}", ShellQuoting.Quote(outDirectory), StringComparison.Ordinal);
        var started = Stopwatch.StartNew();
        var build = new ProcessCommand("/bin/sh", ["-c", script]) { Environment = new Dictionary<string, string> { ["FARGO_VERSION"] = version } };
        try
        {
            await ProcessRunner.RunAsync(build, projectDirectory, output, hint: null, cancellationToken);
        }
        catch (ImageCommandFailedException e) when (e.ExitCode is { } exitCode)
        {
            var last = string.Concat(e.LastLines.Select(line => "\n  " + line));
            throw new DeployException($"The build `{command}` failed with exit code {exitCode}. Its last lines:{last}", "Fix the build, then run the command again.");
        }

        if (!Directory.EnumerateFileSystemEntries(outDirectory).Any())
        {
            throw new DeployException($"The build `{command}` succeeded but wrote nothing into {{out}} ({outDirectory}).", "Make the build write its output to {out}.");
        }

        return new LocalBuildResult(version, outDirectory, started.Elapsed);
    }
}

/// <summary>
/// The default version of a build: the git short SHA of HEAD; with uncommitted changes, "-dirty-" and 8 hex digits of
/// a hash of those changes (the diff against HEAD and the untracked files' names and contents). Image tags are
/// immutable, as on AWS, so each different state of the tree needs a tag of its own, while the same state keeps the
/// same tag (a second `fargo up` with nothing changed pushes nothing new).
/// </summary>
public static class GitVersion
{
    public static async Task<string> ResolveAsync(string directory, CancellationToken cancellationToken)
    {
        var sha = (await GitAsync(directory, ["rev-parse", "--short", "HEAD"], cancellationToken))?.Trim();
        if (string.IsNullOrEmpty(sha))
        {
            throw new DeployUsageException($"{directory} is not in a git repository with a commit, so there is no default version.", "Pass --version V.");
        }

        var status = await GitAsync(directory, ["status", "--porcelain"], cancellationToken);
        return string.IsNullOrWhiteSpace(status) ? sha : $"{sha}-dirty-{await ChangesHashAsync(directory, cancellationToken)}";
    }

    private static async Task<string> ChangesHashAsync(string directory, CancellationToken cancellationToken)
    {
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        hash.AppendData(System.Text.Encoding.UTF8.GetBytes(await GitAsync(directory, ["diff", "HEAD", "--binary"], cancellationToken) ?? ""));
        var root = (await GitAsync(directory, ["rev-parse", "--show-toplevel"], cancellationToken))?.Trim() ?? directory;
        var untracked = (await GitAsync(directory, ["ls-files", "--others", "--exclude-standard", "--full-name", "-z", ":/"], cancellationToken) ?? "")
            .Split('\0', StringSplitOptions.RemoveEmptyEntries)
            .Order(StringComparer.Ordinal);
        foreach (var path in untracked)
        {
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes("\0" + path + "\0"));
            var file = Path.Combine(root, path);
            if (File.Exists(file))
            {
                // Streamed: an untracked file may be large (a data set, a build output not yet ignored).
                await using var content = File.OpenRead(file);
                var buffer = new byte[81920];
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset())[..8];
    }

    private static async Task<string?> GitAsync(string directory, string[] arguments, CancellationToken cancellationToken)
    {
        var result = await Git.RunAsync(directory, arguments, cancellationToken);
        return result.Installed
            ? (result.ExitCode == 0 ? result.Output : null)
            : throw new DeployUsageException("git is not installed, so there is no default version.", "Pass --version V.");
    }
}

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
    private const int OutputLinesKept = 40;

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
        var script = command.Replace("{out}", ShellQuote(outDirectory), StringComparison.Ordinal);
        var started = Stopwatch.StartNew();
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = projectDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(script);
        start.Environment["FARGO_VERSION"] = version;

        var tail = new OutputTail(OutputLinesKept, output);
        using var process = new Process { StartInfo = start };
        tail.Follow(process);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (process.ExitCode != 0)
        {
            var last = string.Concat(tail.Lines.Select(line => "\n  " + line));

            throw new DeployException($"The build `{command}` failed with exit code {process.ExitCode}. Its last lines:{last}", "Fix the build, then run the command again.");
        }

        if (!Directory.EnumerateFileSystemEntries(outDirectory).Any())
        {
            throw new DeployException($"The build `{command}` succeeded but wrote nothing into {{out}} ({outDirectory}).", "Make the build write its output to {out}.");
        }

        return new LocalBuildResult(version, outDirectory, started.Elapsed);
    }

    private static string ShellQuote(string text) => "'" + text.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}

/// <summary>The default version of a build: the git short SHA of HEAD, with "-dirty" when the tree has uncommitted changes.</summary>
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
        return string.IsNullOrWhiteSpace(status) ? sha : sha + "-dirty";
    }

    private static async Task<string?> GitAsync(string directory, string[] arguments, CancellationToken cancellationToken)
    {
        var result = await Git.RunAsync(directory, arguments, cancellationToken);
        return result.Installed
            ? (result.ExitCode == 0 ? result.Output : null)
            : throw new DeployUsageException("git is not installed, so there is no default version.", "Pass --version V.");
    }
}

using System.ComponentModel;
using System.Diagnostics;

namespace Fargo.Deploy.SourceControl;

/// <summary>What a git command gave: nothing at all when git is not installed, else its exit code and standard output.</summary>
public sealed record GitResult(bool Installed, int ExitCode, string Output)
{
    /// <summary>The trimmed output of a command that succeeded, else null.</summary>
    public string? Text => Installed && ExitCode == 0 ? Output.Trim() : null;
}

/// <summary>
/// The git working tree a service lives in: its root, its remote and its commits, which give the default version,
/// the image's source labels and the GitHub repository the deploy roles trust. Read through the git command, so that
/// worktrees, submodules and includes behave as git itself says.
/// </summary>
public static class Git
{
    public static async Task<GitResult> RunAsync(string directory, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("git")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        try
        {
            using var process = Process.Start(start) ?? throw new InvalidOperationException("git did not start.");
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            _ = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            return new GitResult(true, process.ExitCode, await output);
        }
        catch (Win32Exception)
        {
            return new GitResult(false, -1, "");
        }
    }

    /// <summary>The nearest folder, from <paramref name="directory"/> up, holding .git (a folder, or a file in a worktree or submodule).</summary>
    public static string? FindRoot(string directory)
    {
        for (var folder = new DirectoryInfo(directory); folder is not null; folder = folder.Parent)
        {
            var git = Path.Combine(folder.FullName, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    /// <summary>The URL of the remote named origin, or null (no git, no repository, no such remote). It may hold a token: never print it.</summary>
    public static async Task<string?> OriginUrlAsync(string directory, CancellationToken cancellationToken) =>
        (await RunAsync(directory, ["remote", "get-url", "origin"], cancellationToken)).Text;
}

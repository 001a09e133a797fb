using System.Text.RegularExpressions;

using Fargo.Deploy.SourceControl;

namespace Fargo.Deploy.Images.Building;

/// <summary>Where the image's source lives and which commit it is: the OCI source and revision labels.</summary>
/// <param name="Repository">The git remote's URL (credentials removed), or null when there is no remote.</param>
/// <param name="Revision">The full SHA of HEAD, or null outside a git repository.</param>
public sealed partial record SourceRevision(string? Repository, string? Revision)
{
    public static SourceRevision None { get; } = new(null, null);

    /// <summary>Reads HEAD and the remote (origin, else the first one) of the git repository holding <paramref name="directory"/>.</summary>
    public static async Task<SourceRevision> ReadAsync(string directory, CancellationToken cancellationToken)
    {
        var revision = (await GitAsync(directory, ["rev-parse", "HEAD"], cancellationToken))?.Trim();
        if (string.IsNullOrEmpty(revision))
        {
            return None;
        }

        var remotes = (await GitAsync(directory, ["remote"], cancellationToken) ?? "")
            .Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var remote = remotes.Contains("origin") ? "origin" : remotes.FirstOrDefault();
        var url = remote is null ? null : (await GitAsync(directory, ["remote", "get-url", remote], cancellationToken))?.Trim();
        return new SourceRevision(string.IsNullOrEmpty(url) ? null : PublicUrl(url), revision);
    }

    /// <summary>
    /// The remote as a browsable URL without credentials: "https://token@github.com/o/r.git" and "git@github.com:o/r.git"
    /// both become "https://github.com/o/r". Labels are public: a token in a remote URL must never end up in an image.
    /// </summary>
    public static string PublicUrl(string remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var text = remote.Trim();
        if (ScpLike().Match(text) is { Success: true } scp)
        {
            text = $"https://{scp.Groups["host"].Value}/{scp.Groups["path"].Value}";
        }

        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" or "ssh" or "git")
        {
            var builder = new UriBuilder(uri) { UserName = "", Password = "" };
            if (builder.Scheme is "ssh" or "git")
            {
                builder.Scheme = "https";
                builder.Port = -1;
            }

            text = builder.Uri.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        }

        return text.EndsWith(".git", StringComparison.Ordinal) ? text[..^4] : text;
    }

    // No git, or not a repository: the image simply carries no source labels.
    private static async Task<string?> GitAsync(string directory, string[] arguments, CancellationToken cancellationToken) =>
        (await Git.RunAsync(directory, arguments, cancellationToken)) is { Installed: true, ExitCode: 0 } result ? result.Output : null;

    // user@host:path (scp-like syntax, no scheme).
    [GeneratedRegex(@"^(?:[^@/:]+@)?(?<host>[^@/:]+):(?!//)(?<path>.+)$", RegexOptions.CultureInvariant)]
    private static partial Regex ScpLike();
}

using System.Text.RegularExpressions;

namespace Fargo.Config;

/// <summary>
/// A GitHub repository as "owner/name": the form of [pipeline] repository, and what the OIDC trust of the deploy
/// roles names (subject repo:owner/name:environment:…). Also reads it out of a git remote URL.
/// </summary>
public static partial class GitHubRepository
{
    /// <summary>Whether the text is "owner/name" as GitHub allows them (owner: letters, digits, single hyphens; name: letters, digits, '.', '_', '-').</summary>
    public static bool IsValid(string? text) =>
        text is not null && OwnerAndName().Match(text) is { Success: true } match && match.Groups["name"].Value is not ("." or "..");

    /// <summary>
    /// "owner/name" from a github.com remote URL (https://github.com/o/n.git, git@github.com:o/n.git,
    /// ssh://git@github.com/o/n), or null when the URL is not one. Credentials embedded in an https URL are ignored.
    /// </summary>
    public static string? FromRemoteUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        var match = RemoteUrl().Match(url.Trim());
        if (!match.Success)
        {
            return null;
        }

        var repository = match.Groups["repo"].Value;
        return IsValid(repository) ? repository : null;
    }

    [GeneratedRegex(@"^(?<owner>[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38})/(?<name>[A-Za-z0-9._-]{1,100})$", RegexOptions.CultureInvariant)]
    private static partial Regex OwnerAndName();

    // https://[user[:token]@]github.com[:port]/o/n[.git][/], ssh://git@github.com[:port]/o/n[.git], git://github.com/o/n.git, git@github.com:o/n[.git]
    [GeneratedRegex(
        @"^(?:(?:https?|ssh|git)://(?:[^@/]+@)?github\.com(?::\d+)?/|[A-Za-z0-9._-]+@github\.com:/?)(?<repo>[^/\s]+/[^/\s]+?)(?:\.git)?/?$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex RemoteUrl();
}

using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Deploy.SourceControl;

namespace Fargo.Cli.Commands.Pipeline;

/// <summary>
/// The GitHub repository a pipeline belongs to, which the deploy roles trust and the CodePipeline source reads:
/// [pipeline] repository, else the `origin` remote of the git repository holding fargo.toml. The remote's URL is never
/// printed: it may carry a token.
/// </summary>
internal static class PipelineRepository
{
    private const string Hint = "Set it in fargo.toml: [pipeline] repository = \"owner/name\".";
    private const string Question = "Fargo cannot tell which GitHub repository the deploy roles should trust";

    /// <summary>"owner/name"; a UsageException saying why when it can be told neither way.</summary>
    public static async Task<string> ResolveAsync(ServiceConfig config, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Pipeline.Repository is { } written)
        {
            return written;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(config.SourcePath))!;
        if (Git.FindRoot(directory) is null)
        {
            throw new UsageException($"{Question}: {directory} is not in a git repository.", Hint);
        }

        var result = await Git.RunAsync(directory, ["remote", "get-url", "origin"], cancellation);
        if (!result.Installed)
        {
            throw new UsageException($"{Question}: git is not installed, so the remote origin cannot be read.", Hint);
        }

        var url = result.Text ?? throw new UsageException($"{Question}: the git repository has no remote named origin.", Hint);
        return GitHubRepository.FromRemoteUrl(url)
            ?? throw new UsageException($"{Question}: the remote origin is not a github.com repository.", Hint);
    }
}

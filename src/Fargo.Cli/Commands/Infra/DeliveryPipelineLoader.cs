using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Deploy.Pipeline;
using Fargo.Deploy.SourceControl;
using Fargo.Infrastructure.Pipelines;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// The service's pipeline from fargo.toml's [pipeline] table (<see cref="ServiceConfig.Pipeline"/>): its stages' settings,
/// the GitHub repository ([pipeline] repository, else the `origin` remote of the git repository that holds fargo.toml),
/// the folder of fargo.toml within that repository, and the running Fargo's version (what the pipeline installs).
/// </summary>
internal static class DeliveryPipelineLoader
{
    public static DeliveryPipeline Load(ServiceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = config.Pipeline;
        if (settings.Stages.Count == 0)
        {
            throw new UsageException(
                $"{config.SourcePath} has no pipeline stage: a pipeline deploys to AWS environments, and the file has none.",
                "Add an AWS environment under [environments.NAME] with account and region (the stages are every AWS environment in the order written, or [pipeline] stages).");
        }

        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(config.SourcePath))!;
        var gitRoot = Git.FindRoot(configDirectory);
        var repository = settings.Repository ?? (gitRoot is null ? null : OriginRepository(gitRoot))
            ?? throw new UsageException(
                "The pipeline needs its GitHub repository, and [pipeline] repository is not set" +
                (gitRoot is null ? $" and {configDirectory} is in no git repository." : " and the git remote `origin` is not on github.com."),
                "Set repository = \"owner/name\" under [pipeline] in fargo.toml.");
        var relative = gitRoot is null ? "." : Path.GetRelativePath(gitRoot, configDirectory).Replace('\\', '/');
        return DeliveryPipeline.Create(settings, repository, [.. settings.Stages.Select(config.ForEnvironment)], RunningVersion(), relative);
    }

    /// <summary>The version of this Fargo: what the pipeline installs.</summary>
    internal static string RunningVersion() => FargoRelease.Version(typeof(DeliveryPipelineLoader).Assembly);

    /// <summary>The `origin` remote's URL from the repository's git config (a worktree's `.git` file names its git folder).</summary>
    private static string? OriginRepository(string gitRoot)
    {
        var dotGit = Path.Combine(gitRoot, ".git");
        var gitDirectory = dotGit;
        if (File.Exists(dotGit))
        {
            var pointer = File.ReadAllText(dotGit).Trim();
            if (!pointer.StartsWith("gitdir:", StringComparison.Ordinal))
            {
                return null;
            }

            gitDirectory = Path.GetFullPath(pointer["gitdir:".Length..].Trim(), gitRoot);
            var common = Path.Combine(gitDirectory, "commondir");
            if (File.Exists(common))
            {
                gitDirectory = Path.GetFullPath(File.ReadAllText(common).Trim(), gitDirectory);
            }
        }

        var config = Path.Combine(gitDirectory, "config");
        if (!File.Exists(config))
        {
            return null;
        }

        var inOrigin = false;
        foreach (var raw in File.ReadLines(config))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                inOrigin = line.Replace(" ", "", StringComparison.Ordinal) == "[remote\"origin\"]";
                continue;
            }

            if (inOrigin && line.StartsWith("url", StringComparison.Ordinal) && line.IndexOf('=', StringComparison.Ordinal) is var equals and > 0
                && line[..equals].Trim() == "url")
            {
                return GitHubRepository.FromRemoteUrl(line[(equals + 1)..]);
            }
        }

        return null;
    }

}

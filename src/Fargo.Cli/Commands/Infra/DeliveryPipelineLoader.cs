using Fargo.Cli.Commands.Pipeline;
using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Deploy.Pipeline;
using Fargo.Deploy.SourceControl;
using Fargo.Infrastructure.Pipelines;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// The app's pipeline (a file of one service: the service's) from fargo.toml's [pipeline] table (<see cref="ServiceConfig.Pipeline"/>): its stages' settings,
/// the GitHub repository ([pipeline] repository, else the `origin` remote of the git repository that holds fargo.toml),
/// the folder of fargo.toml within that repository, and the running Fargo's version (what the pipeline installs).
/// </summary>
internal static class DeliveryPipelineLoader
{
    public static async Task<DeliveryPipeline> LoadAsync(ServiceConfig config, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(config);
        var settings = config.Pipeline;
        if (settings.Stages.Count == 0)
        {
            throw new UsageException(
                $"{config.SourcePath} has no pipeline stage: a pipeline deploys to AWS environments, and the file has none.",
                "Add an AWS environment under [environments.NAME] with account and region (the stages are every AWS environment in the order written, or [pipeline] stages).");
        }

        var repository = await PipelineRepository.ResolveAsync(config, cancellation);
        var configDirectory = Path.GetDirectoryName(Path.GetFullPath(config.SourcePath))!;
        var gitRoot = Git.FindRoot(configDirectory);
        var relative = gitRoot is null ? "." : Path.GetRelativePath(gitRoot, configDirectory).Replace('\\', '/');
        return DeliveryPipeline.ForApp(settings, repository, [.. settings.Stages.Select(config.ServicesIn)], RunningVersion(), relative);
    }

    /// <summary>The version of this Fargo: what the pipeline installs.</summary>
    internal static string RunningVersion() => FargoRelease.Version(typeof(DeliveryPipelineLoader).Assembly);
}

using Fargo.Config;

namespace Fargo.Deploy.Pipeline;

/// <summary>
/// What a pipeline covers: one service, built once and promoted from stage to stage. A pipeline of an app of several
/// services (each built, promoted and deployed in the app's order) is not built; such a file is refused before anything
/// is written, naming its services.
/// </summary>
public static class PipelineScope
{
    /// <exception cref="DeployUsageException">The file declares several services.</exception>
    public static void RequireOneService(ServiceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.HasSeveralServices)
        {
            throw new DeployUsageException(
                $"{config.SourcePath} declares several services ({string.Join(", ", config.ServiceNames)}); a pipeline builds, promotes and deploys one service, and a pipeline of several is not built yet.",
                "Deploy the app from CI with fargo build/push --service NAME for each service, then fargo deploy --env E --version V (every service, in order).");
        }
    }
}

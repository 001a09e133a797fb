using Fargo.Config.Model;

namespace Fargo.Deploy.Rendering;

/// <summary>
/// The image `fargo render taskdef` shows when no --image is given: the environment's repository with the tag
/// "latest". Deploys never use it (they resolve a version to a digest); it only makes a rendering readable.
/// </summary>
public static class DefaultImages
{
    /// <summary>The tag shown when no image is given.</summary>
    public const string Tag = "latest";

    /// <summary>
    /// AWS: 123456789012.dkr.ecr.us-east-1.amazonaws.com/&lt;repository&gt;:latest.
    /// Local region: 000000000000.dkr.ecr.local.localhost/&lt;repository&gt;:latest, the local registry's scheme.
    /// </summary>
    public static string For(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Environment.IsLocal)
        {
            return $"{Targets.TargetEnvironment.LocalRegistryHost}/{settings.Names.Repository}:{Tag}";
        }

        var (account, region) = TaskDefinitionRenderer.RequireAccountAndRegion(settings.Environment);
        return $"{AwsNames.EcrRepositoryUri(region, account, settings.Names.Repository)}:{Tag}";
    }

    /// <summary>The flat file: 123456789012.dkr.ecr.&lt;region&gt;.amazonaws.com/&lt;service&gt;:latest.</summary>
    public static string For(FlatServiceConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return $"{AwsNames.EcrRepositoryUri(config.Region, config.Account, config.Service)}:{Tag}";
    }
}

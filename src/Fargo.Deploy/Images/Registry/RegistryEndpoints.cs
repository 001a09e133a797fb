using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Images.Registry;

/// <summary>Where an environment's image registry answers the Docker Registry HTTP API.</summary>
public static class RegistryEndpoints
{
    /// <summary>
    /// ECR's registry of an account and region: https://ACCOUNT.dkr.ecr.REGION.amazonaws.com (amazonaws.com.cn in the
    /// China regions). The local region serves its registry on its own endpoint (under /v2/), so for a local
    /// environment it is that endpoint; each engine (each FARGO_HOME) is a registry of its own.
    /// </summary>
    public static Uri Of(TargetEnvironment environment, Uri? localRegionEndpoint)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment.IsLocal)
        {
            return localRegionEndpoint ?? throw new ArgumentException($"{environment.Name} is on the local region: its endpoint is needed.", nameof(localRegionEndpoint));
        }

        var suffix = environment.Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{environment.Account}.dkr.ecr.{environment.Region}.{suffix}/");
    }

    /// <summary>The registry of a connected target.</summary>
    public static Uri Of(DeployTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Of(target.Environment, target.LocalRegionEndpoint);
    }

    /// <summary>Two registries are the same when their endpoints are (scheme, host and port).</summary>
    public static bool Same(Uri a, Uri b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return Uri.Compare(a, b, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) == 0;
    }
}

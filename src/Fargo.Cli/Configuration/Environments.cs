using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Config.Model;

namespace Fargo.Cli.Configuration;

/// <summary>Which environment of a configuration a command works on.</summary>
internal static class Environments
{
    /// <summary>With no --env, Fargo targets the local region.</summary>
    public const string Default = "local";

    /// <summary>
    /// The effective settings of --env (default local) for --service, or the file's only service. Throws
    /// UnknownEnvironmentException or UnknownServiceException for a name the file lacks, and SeveralServicesException when
    /// the file declares several services and none is named.
    /// </summary>
    public static ServiceSettings Select(ServiceConfig config, string? environment, string? service)
    {
        ArgumentNullException.ThrowIfNull(config);
        return service is null ? config.ForEnvironment(environment ?? Default) : config.ForEnvironment(environment ?? Default, service);
    }

    /// <summary>A flat file describes one existing service and has no environments: --env cannot apply.</summary>
    public static void RejectFor(FlatConfig config, string? environment)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (environment is not null)
        {
            throw new UsageException(
                $"{config.SourcePath} is a flat deploy file (one existing cluster and service); it has no environments, so --env {environment} does not apply.",
                "Leave out --env for this file.");
        }
    }
}

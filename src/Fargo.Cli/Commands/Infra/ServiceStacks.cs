using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Config.Model;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// Which stacks the infrastructure commands and `fargo up`/`down` may make of one service of an app. They synthesize the
/// environment's stack and one service's stack; a call between two services needs both of theirs together (the called
/// one's Cloud Map name and the security group rule that admits the caller), which one service's synthesis cannot give.
/// </summary>
internal static class ServiceStacks
{
    /// <exception cref="UsageException">The service calls another, or another calls it.</exception>
    public static ServiceSettings RequireStandalone(ServiceConfig config, ServiceSettings settings, string command)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(settings);
        var callers = config.ServicesIn(settings.Environment.Name).Where(s => s.Calls.Any(c => c.Service == settings.Name)).Select(s => s.Name).ToList();
        if (settings.Calls.Count == 0 && callers.Count == 0)
        {
            return settings;
        }

        var relation = settings.Calls.Count > 0
            ? $"calls {string.Join(", ", settings.Calls.Select(c => c.Service))}"
            : $"is called by {string.Join(", ", callers)}";
        throw new UsageException(
            $"{settings.Name} {relation}: `{command}` makes one service's stacks at a time, and a call needs both services' stacks together (the Cloud Map name and the security group rule); that is not built yet.",
            "services that call no other and are called by none work one at a time with --service NAME.");
    }
}

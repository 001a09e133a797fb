using Fargo.Aws.CloudFormation;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Deploy.Stacks;
using Fargo.Infrastructure;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// Reads an environment's stacks and makes <see cref="SharedEnvironment"/>'s checks before `infra up` (on AWS and on the
/// local region alike) changes anything: the environment-wide settings agree, the route is the service's own, and the
/// listener rule gets a free priority.
/// </summary>
internal static class SharedEnvironmentCheck
{
    public static async Task<SharedEnvironmentInputs> RunAsync(ICloudFormationApi cloudFormation, ServiceSettings settings, string configFile, CancellationToken cancellationToken)
    {
        var file = Path.GetFullPath(configFile);
        var state = await ReadAsync(cloudFormation, StackNames.For(settings), cancellationToken);
        var lines = await ConfigKeyLocator.FindLinesAsync(file, settings.Environment.Name, SharedEnvironment.CheckedKeys, cancellationToken);
        return SharedEnvironment.Plan(settings, file, lines, state);
    }

    /// <summary>
    /// The checks for the services of an app deployed in one run: each service is planned against the stacks as they are
    /// plus the ones planned before it, so that two new services get different listener rule priorities and a route clash
    /// between them is found.
    /// </summary>
    public static async Task<IReadOnlyList<SharedEnvironmentInputs>> RunAppAsync(
        ICloudFormationApi cloudFormation, IReadOnlyList<ServiceSettings> services, string configFile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var file = Path.GetFullPath(configFile);
        var state = await ReadAsync(cloudFormation, StackNames.For(services[0]), cancellationToken);
        var plans = new List<SharedEnvironmentInputs>();
        foreach (var settings in services)
        {
            var lines = await ConfigKeyLocator.FindLinesAsync(file, settings.Environment.Name, SharedEnvironment.CheckedKeys, cancellationToken);
            var plan = SharedEnvironment.Plan(settings, file, lines, state);
            plans.Add(plan);
            state = state with { Services = [.. state.Services.Where(s => s.Name != StackNames.For(settings).Service), Planned(settings, plan)] };
        }

        return plans;
    }

    /// <summary>A service's stack as it will be once deployed, as far as the checks of the services after it read it.</summary>
    private static StackState Planned(ServiceSettings settings, SharedEnvironmentInputs plan)
    {
        var outputs = new Dictionary<string, string>(StringComparer.Ordinal) { [StackOutputs.ServiceName] = settings.Name };
        if (settings.IsLoadBalanced)
        {
            outputs[StackOutputs.RoutePath] = settings.Http.Path;
            if (settings.Http.Host is { } host)
            {
                outputs[StackOutputs.RouteHost] = host;
            }
        }

        return new StackState(StackNames.For(settings).Service, plan.ServiceParameters, outputs);
    }

    /// <summary>The environment's stack and every other stack of the environment ("fargo-ENV-…"), as they are now.</summary>
    public static async Task<EnvironmentState> ReadAsync(ICloudFormationApi cloudFormation, StackNames names, CancellationToken cancellationToken)
    {
        var listing = await EnvironmentStacks.ListAsync(cloudFormation, names.Environment, cancellationToken);
        return new EnvironmentState(listing.Environment is { } environment ? StateOf(environment) : null, [.. listing.Services.Select(StateOf)]);
    }

    private static StackState StateOf(StackDescription stack) => new(stack.Name, stack.Parameters, stack.Outputs);
}

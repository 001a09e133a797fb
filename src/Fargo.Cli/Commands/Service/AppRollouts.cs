using System.Text.Json.Serialization.Metadata;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// Where a command's `--output json` result goes: one service's result is the document itself; the results of the services
/// of a whole-app command are collected and written as one document, an array in the order they ran (as `fargo status`).
/// </summary>
internal class AppJsonResults<T>(CommandContext context, bool wholeApp, JsonTypeInfo<T> one, JsonTypeInfo<IReadOnlyList<T>> all)
{
    private readonly List<T> _results = [];

    public void Add(T result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (wholeApp)
        {
            _results.Add(result);
        }
        else
        {
            context.WriteJson(result, one);
        }
    }

    /// <summary>Writes the array of a whole app's results, when any service got as far as a result.</summary>
    public void Complete()
    {
        if (wholeApp && _results.Count > 0)
        {
            context.WriteJson<IReadOnlyList<T>>(_results, all);
        }
    }
}

/// <summary>A rollout's results: <see cref="DeployResultJson"/>, one or an array.</summary>
internal sealed class RolloutResults(CommandContext context, bool wholeApp)
    : AppJsonResults<DeployResultJson>(context, wholeApp, ServiceJsonContext.Default.DeployResultJson, ServiceJsonContext.Default.IReadOnlyListDeployResultJson);

/// <summary>
/// A rollout command over the services of the app (`deploy`, `redeploy`, `rollback`, `up` without --service): each service
/// in turn, in the order given (called services before their callers), the first failure stopping there so that the
/// services after it keep what they run.
/// </summary>
internal static class AppRollouts
{
    public static async Task<int> RunAsync(
        CommandContext context, IReadOnlyList<ServiceSelection> services, Func<ServiceSelection, RolloutResults, Task<int>> rollout)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(rollout);
        var results = new RolloutResults(context, services.Count > 1);
        try
        {
            foreach (var service in services)
            {
                var exitCode = await rollout(service, results);
                if (exitCode != ExitCodes.Success)
                {
                    return exitCode;
                }
            }

            return ExitCodes.Success;
        }
        finally
        {
            results.Complete();
        }
    }
}

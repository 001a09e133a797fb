using Fargo.Aws.Ecs;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Operations;

/// <summary>How a one-off task ended.</summary>
/// <param name="TaskArn">The task.</param>
/// <param name="ExitCode">The service container's exit code; null when it never ran (see the reason).</param>
/// <param name="StoppedReason">ECS's stoppedReason.</param>
/// <param name="StopCode">ECS's stopCode.</param>
public sealed record OneOffTaskResult(string TaskArn, int? ExitCode, string? StoppedReason, string? StopCode);

/// <summary>
/// `fargo run -- CMD…`: one task of the service's current task definition, with the container's command replaced,
/// in the service's network configuration; its logs stream while it runs, and its exit code is the container's.
/// </summary>
public static class OneOffTask
{
    public static async Task<string> StartAsync(DeployTarget target, IReadOnlyList<string> command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0)
        {
            throw new DeployUsageException("Say what to run after --, e.g. fargo run -- dotnet App.dll migrate.");
        }

        var service = await ServiceLookup.RequireAsync(target, cancellationToken);
        var taskDefinition = Deployer.PrimaryOf(service)?.TaskDefinition ?? service.TaskDefinition
            ?? throw new DeployException($"The service {target.Spec.Service} has no task definition to run.");
        var response = await target.Apis.Ecs.RunTaskAsync(new RunTaskRequest
        {
            Cluster = target.Spec.Cluster,
            TaskDefinition = taskDefinition,
            Count = 1,
            LaunchType = service.CapacityProviderStrategy is { Count: > 0 } ? null : service.LaunchType ?? LaunchType.Fargate,
            CapacityProviderStrategy = service.CapacityProviderStrategy is { Count: > 0 } strategy ? strategy : null,
            PlatformVersion = service.PlatformVersion,
            NetworkConfiguration = service.NetworkConfiguration,
            StartedBy = "fargo-run",
            Overrides = new TaskOverride { ContainerOverrides = [new ContainerOverride { Name = target.Spec.ContainerName, Command = command }] },
        }, cancellationToken);
        if (response.Failures is { Count: > 0 } failures)
        {
            throw new DeployException($"ECS could not start the task: {string.Join("; ", failures.Select(f => $"{f.Reason}{(f.Detail is null ? "" : $" ({f.Detail})")}"))}.");
        }

        return response.Tasks.Head()?.TaskArn ?? throw new DeployException("ECS accepted RunTask but returned no task.");
    }

    /// <summary>Waits for the task to stop, reporting its log lines as they arrive (and the ones written just before it stopped).</summary>
    public static async Task<OneOffTaskResult> WaitAsync(DeployTarget target, string taskArn, IProgress<LogLine>? logs, IClock clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(clock);
        var spec = target.Spec;
        var stream = $"{spec.LogStreamPrefix}/{spec.ContainerName}/{EcsNames.TaskId(taskArn)}";
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var since = clock.UtcNow.AddMinutes(-1);
        var interval = target.Environment.IsLocal ? TimeSpan.FromMilliseconds(300) : TimeSpan.FromSeconds(3);

        async Task DrainLogsAsync()
        {
            if (logs is null)
            {
                return;
            }

            try
            {
                foreach (var line in await ServiceLogs.FetchAsync(target, stream, since, cancellationToken))
                {
                    if (seen.Add(line.EventId))
                    {
                        logs.Report(line);
                    }
                }
            }
            catch (DeployException)
            {
                // No log group (yet): the task's result still comes.
            }
        }

        while (true)
        {
            var described = await target.Apis.Ecs.DescribeTasksAsync(new DescribeTasksRequest { Cluster = spec.Cluster, Tasks = [taskArn] }, cancellationToken);
            var task = described.Tasks is { Count: > 0 } tasks ? tasks[0] : throw new DeployException($"The task {EcsNames.TaskId(taskArn)} disappeared.");
            await DrainLogsAsync();
            if (task.LastStatus == "STOPPED")
            {
                // Log delivery trails the process a little: one more look collects the last lines.
                await clock.DelayAsync(target.Environment.IsLocal ? TimeSpan.FromMilliseconds(700) : TimeSpan.FromSeconds(5), cancellationToken);
                await DrainLogsAsync();
                var container = task.Containers?.FirstOrDefault(c => c.Name == spec.ContainerName) ?? task.Containers.Head();
                return new OneOffTaskResult(taskArn, container?.ExitCode, task.StoppedReason, task.StopCode?.Value);
            }

            await clock.DelayAsync(interval, cancellationToken);
        }
    }
}

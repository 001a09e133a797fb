using System.Diagnostics;
using Fargo.Aws;
using Fargo.Aws.Ecs;
using Fargo.Aws.Ssm;
using Fargo.Deploy.Images;
using Fargo.Deploy.Rendering;
using Fargo.Deploy.Targets;
using Fargo.Deploy.TaskDefinitions;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Deploying;

/// <summary>
/// The deploy path, the same for the local region and AWS: resolve the image to its digest, render the task
/// definition, register it unless the running revision already says the same, UpdateService, and watch until the
/// rollout succeeds or fails; a failed rollout leaves the service on its last good revision. Rollbacks, redeploys
/// and scaling are rollouts too and go through <see cref="RollOutAsync"/>.
/// </summary>
public sealed class Deployer(IClock clock)
{
    private readonly IClock _clock = clock ?? throw new ArgumentNullException(nameof(clock));

    public RolloutWatcher Watcher { get; init; } = new(clock);

    /// <summary>Works out what a deploy would do, changing nothing.</summary>
    public static async Task<DeployPlan> PlanAsync(DeployTarget target, DeployRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        var image = request.ImageUri is not null
            ? await ImageResolver.ResolveUriAsync(target, request.ImageUri, cancellationToken)
            : request.Version is not null
                ? await ImageResolver.ResolveVersionAsync(target, request.Version, cancellationToken)
                : throw new DeployUsageException("Say what to deploy: --version V (a tag of the service's repository) or --image URI.");

        var service = await ServiceLookup.RequireAsync(target, cancellationToken);
        var parameters = await ParametersUnderAsync(target.Apis.Ssm, target.Spec.SecretsPath, cancellationToken);
        var rendered = target.Spec.Render(image.Uri, parameters);

        var current = service.TaskDefinition;
        IReadOnlyList<JsonChange> changes;
        if (current is null)
        {
            changes = JsonDiff.Compare(null, TaskDefinitionNormalizer.Normalize(rendered));
        }
        else
        {
            var described = await target.Apis.Ecs.DescribeTaskDefinitionAsync(
                new DescribeTaskDefinitionRequest { TaskDefinition = current, Include = [TaskDefinitionField.Tags] }, cancellationToken);
            rendered = KeepLocalCommand(target, rendered, described.TaskDefinition);
            if (target.Spec.Settings is { } settings)
            {
                rendered = InfrastructureProvided.CarryOver(settings, rendered, described.TaskDefinition);
            }

            var running = described.TaskDefinition is { } definition ? TaskDefinitionNormalizer.Normalize(definition, described.Tags) : null;
            changes = JsonDiff.Compare(running, TaskDefinitionNormalizer.Normalize(rendered));
        }

        var (serviceChanges, update) = ServiceSettingsChanges(target, service);
        return new DeployPlan(target, image, rendered, service, current, changes, serviceChanges, update, request.Force);
    }

    /// <summary>Carries out a plan: register (when needed), UpdateService, and (unless --no-wait) watch the rollout.</summary>
    public async Task<DeployResult> DeployAsync(DeployPlan plan, DeployRequest request, IProgress<DeployProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(request);
        var started = Stopwatch.StartNew();
        var target = plan.Target;
        progress.Step($"Image {plan.Image.Uri}");

        string arn;
        if (plan.RegistersRevision)
        {
            var registered = await target.Apis.Ecs.RegisterTaskDefinitionAsync(plan.TaskDefinition, cancellationToken);
            arn = registered.TaskDefinition?.TaskDefinitionArn ?? throw new DeployException("ECS registered the task definition but returned no ARN.");
            progress.Step($"Registered {EcsNames.TaskDefinitionName(arn)}{(plan.TaskDefinitionChanges.Count == 0 ? " (--force: nothing changed)" : "")}");
        }
        else
        {
            arn = plan.CurrentTaskDefinitionArn!;
            progress.Step($"Task definition unchanged: {EcsNames.TaskDefinitionName(arn)} already describes this image and configuration");
        }

        // A service at desired count 0 that the configuration wants running is brought up by this rollout (see
        // DesiredCountOwnership): the update below carries the count, and the watch waits for those tasks.
        if (!plan.RegistersRevision && !plan.Force && plan.StartsTasks is null)
        {
            if (IsSteadyOn(plan.Service, arn))
            {
                return new DeployResult(DeployOutcome.AlreadyLive, arn, plan.Image.Uri, plan.Image.Digest, PrimaryOf(plan.Service)?.Id, false, null, null, started.Elapsed);
            }

            // The revision is already rolling out (someone else's deploy, or a --no-wait one): watch it to its end.
            if (PrimaryOf(plan.Service) is { TaskDefinition: var primaryArn, Id: { } primaryId } && primaryArn == arn)
            {
                var watched = await WatchAsync(target, new RolloutGoal(arn, primaryId, _clock.UtcNow, request.Timeout ?? target.Spec.DeployTimeout, WantedRunning: WantedRunning(target)), false, progress, cancellationToken);
                return await ConcludeAsync(target, arn, plan.CurrentTaskDefinitionArn, watched, plan.Image, false, request, progress, started, cancellationToken);
            }
        }

        var update = (plan.ServiceSettingsUpdate ?? new UpdateServiceRequest { Cluster = target.Spec.Cluster, Service = target.Spec.Service }) with
        {
            TaskDefinition = arn,
            ForceNewDeployment = plan.Force ? true : null,
        };
        if (plan.StartsTasks is { } count)
        {
            progress.Step($"The service runs no task (desired count 0): starting {count}, as the configuration says");
        }

        var rollout = new Rollout(update, plan.CurrentTaskDefinitionArn, request.Timeout, request.NoWait, plan.Image, plan.RegistersRevision)
        {
            Stopwatch = started,
            WantedRunning = WantedRunning(target),
        };
        return await RollOutAsync(target, rollout, progress, cancellationToken);
    }

    /// <summary>
    /// Sends an UpdateService that starts a rollout (new revision, rollback, forced redeploy, new desired count) and
    /// watches it; a failed rollout goes back to <see cref="Rollout.PreviousTaskDefinitionArn"/> unless ECS already did.
    /// </summary>
    public async Task<DeployResult> RollOutAsync(DeployTarget target, Rollout rollout, IProgress<DeployProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(rollout);
        var (update, previousTaskDefinitionArn, timeout, noWait, image, registered) = rollout;
        var started = rollout.Stopwatch ?? Stopwatch.StartNew();
        var startedAt = _clock.UtcNow;
        var response = await target.Apis.Ecs.UpdateServiceAsync(update, cancellationToken);
        var service = response.Service ?? throw new DeployException("ECS accepted UpdateService but returned no service.");
        var arn = update.TaskDefinition ?? service.TaskDefinition ?? throw new DeployException("The service has no task definition.");
        var deployment = (service.Deployments ?? []).FirstOrDefault(d => d.Status == "PRIMARY" && d.TaskDefinition == arn)
            ?? (service.Deployments ?? []).FirstOrDefault(d => d.Status == "PRIMARY");
        var deploymentId = deployment?.Id ?? throw new DeployException("ECS accepted UpdateService but reported no PRIMARY deployment.");
        progress?.Report(new RolloutStarted(arn, deploymentId, previousTaskDefinitionArn));
        progress.Step($"Rolling out {EcsNames.TaskDefinitionName(arn)} (deployment {deploymentId})");

        if (noWait)
        {
            return new DeployResult(DeployOutcome.Started, arn, image?.Uri, image?.Digest, deploymentId, registered, null, null, started.Elapsed);
        }

        var goal = new RolloutGoal(arn, deploymentId, startedAt, timeout ?? target.Spec.DeployTimeout, previousTaskDefinitionArn, rollout.WantedRunning);
        var state = await WatchAsync(target, goal, false, progress, cancellationToken);
        return await ConcludeAsync(target, arn, previousTaskDefinitionArn, state, image, registered, new DeployRequest(null, null, Timeout: goal.Timeout), progress, started, cancellationToken);
    }

    /// <summary>
    /// Puts the service back on <paramref name="taskDefinitionArn"/> (after a failure, or when the user interrupted a
    /// deploy and chose to roll back), and watches that rollout unless <paramref name="watch"/> is false.
    /// </summary>
    public async Task<RollbackReport> RollBackAsync(
        DeployTarget target,
        string taskDefinitionArn,
        bool watch,
        TimeSpan timeout,
        IProgress<DeployProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var startedAt = _clock.UtcNow;
        var response = await target.Apis.Ecs.UpdateServiceAsync(
            new UpdateServiceRequest { Cluster = target.Spec.Cluster, Service = target.Spec.Service, TaskDefinition = taskDefinitionArn },
            cancellationToken);
        progress.Step($"Rolling back to {EcsNames.TaskDefinitionName(taskDefinitionArn)}");
        if (!watch)
        {
            return new RollbackReport(taskDefinitionArn, true, null);
        }

        var deploymentId = (response.Service?.Deployments ?? []).FirstOrDefault(d => d.Status == "PRIMARY")?.Id;
        var recovery = await WatchAsync(target, new RolloutGoal(taskDefinitionArn, deploymentId, startedAt, timeout), true, progress, cancellationToken);
        return new RollbackReport(taskDefinitionArn, true, recovery);
    }

    private async Task<DeployResult> ConcludeAsync(
        DeployTarget target,
        string arn,
        string? previous,
        RolloutState state,
        ResolvedImage? image,
        bool registered,
        DeployRequest request,
        IProgress<DeployProgress>? progress,
        Stopwatch started,
        CancellationToken cancellationToken)
    {
        var verdict = state.Verdict;
        RollbackReport? rollback = null;
        switch (verdict.Outcome)
        {
            case RolloutOutcome.Succeeded:
                return new DeployResult(DeployOutcome.Succeeded, arn, image?.Uri, image?.Digest, state.DeploymentId, registered, state, null, started.Elapsed);

            case RolloutOutcome.RolledBack:
                // ECS is already rolling back: follow it to its steady state so the exit leaves a settled service.
                var primary = state.Deployments.FirstOrDefault(d => d.Status == "PRIMARY");
                var to = verdict.RolledBackTo ?? primary?.TaskDefinition;
                RolloutState? recovery = null;
                if (to is not null)
                {
                    progress.Step($"ECS is rolling back to {EcsNames.TaskDefinitionName(to)}");
                    recovery = await WatchAsync(target, new RolloutGoal(to, primary?.Id, _clock.UtcNow, request.Timeout ?? target.Spec.DeployTimeout), true, progress, cancellationToken);
                    rollback = new RollbackReport(to, false, recovery);
                }

                break;

            case RolloutOutcome.TimedOut or RolloutOutcome.Failed:
                if (target.Spec.RollbackOnFailure && previous is not null && previous != arn)
                {
                    rollback = await RollBackAsync(target, previous, true, request.Timeout ?? target.Spec.DeployTimeout, progress, cancellationToken);
                }

                break;
        }

        return new DeployResult(DeployOutcome.Failed, arn, image?.Uri, image?.Digest, state.DeploymentId, registered, state, rollback, started.Elapsed);
    }

    private Task<RolloutState> WatchAsync(DeployTarget target, RolloutGoal goal, bool recovery, IProgress<DeployProgress>? progress, CancellationToken cancellationToken) =>
        Watcher.WatchAsync(target, goal, progress is null ? null : new Forward(progress, recovery), cancellationToken);

    /// <summary>
    /// A flat deploy file names no command: on AWS the image's own entrypoint runs. A local-region artifact is a folder of
    /// files with no entrypoint, so there the existing service's command (as its task definition was created, e.g. with
    /// the AWS CLI) is carried over to the new revision.
    /// </summary>
    private static RegisterTaskDefinitionRequest KeepLocalCommand(DeployTarget target, RegisterTaskDefinitionRequest rendered, TaskDefinition? running)
    {
        if (!target.Environment.IsLocal || target.Spec.Flat is null || running?.ContainerDefinitions is not { } containers)
        {
            return rendered;
        }

        return rendered with
        {
            ContainerDefinitions = [.. rendered.ContainerDefinitions.Select(c =>
                c.Command is null && c.EntryPoint is null && containers.FirstOrDefault(r => r.Name == c.Name) is { } before
                    ? c with { Command = before.Command, EntryPoint = before.EntryPoint, WorkingDirectory = before.WorkingDirectory }
                    : c)],
        };
    }

    /// <summary>The names of the parameters under the secrets path (DescribeParameters: names only, values never read).</summary>
    public static async Task<IReadOnlyList<string>> ParametersUnderAsync(Fargo.Deploy.Aws.ISsmApi ssm, string path, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ssm);
        var names = new List<string>();
        var request = new DescribeParametersRequest
        {
            ParameterFilters = [new ParameterStringFilter { Key = "Path", Option = "Recursive", Values = [path] }],
            MaxResults = 50,
        };
        while (true)
        {
            var page = await ssm.DescribeParametersAsync(request, cancellationToken);
            names.AddRange((page.Parameters ?? []).Select(p => p.Name).OfType<string>());
            if (page.NextToken is null)
            {
                return names;
            }

            request = request with { NextToken = page.NextToken };
        }
    }

    /// <summary>
    /// What a deploy changes on the service itself besides its revision: only a desired count of 0 raised to the
    /// configuration's (<see cref="DesiredCountOwnership"/>). The deployment settings, grace period and target group are
    /// the service stack's: `fargo infra up` (or `fargo up` locally) applies them, never a deploy.
    /// </summary>
    private static (IReadOnlyList<JsonChange> Changes, UpdateServiceRequest? Update) ServiceSettingsChanges(DeployTarget target, Service service)
    {
        if (target.Spec.Settings is not { } settings || DesiredCountOwnership.StartCount(settings, service) is not { } count)
        {
            return ([], null);
        }

        return (
            [new JsonChange("desiredCount", Text(service.DesiredCount), Text(count))],
            new UpdateServiceRequest { Cluster = target.Spec.Cluster, Service = target.Spec.Service, DesiredCount = count });
    }

    /// <summary>How many tasks a deploy of this target must leave running at the least (0 for a flat file: its service says).</summary>
    private static int WantedRunning(DeployTarget target) =>
        target.Spec.Settings is { } settings ? DesiredCountOwnership.ConfiguredCount(settings) : 0;

    private static string? Text(object? value) => value switch
    {
        null => null,
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
    };

    internal static Deployment? PrimaryOf(Service service) => (service.Deployments ?? []).FirstOrDefault(d => d.Status == "PRIMARY");

    /// <summary>Steady on a revision: one deployment, it is that revision, COMPLETED, and every desired task runs.</summary>
    internal static bool IsSteadyOn(Service service, string taskDefinitionArn) =>
        PrimaryOf(service) is { } primary
        && primary.TaskDefinition == taskDefinitionArn
        && (service.Deployments ?? []).Count == 1
        && (primary.RolloutState is null || primary.RolloutState == DeploymentRolloutState.Completed)
        && service.RunningCount == service.DesiredCount;

    private sealed class Forward(IProgress<DeployProgress> inner, bool recovery) : IProgress<RolloutState>
    {
        public void Report(RolloutState value) => inner.Report(new RolloutUpdate(value, recovery));
    }
}

/// <summary>An UpdateService that starts a rollout, and how to follow it.</summary>
/// <param name="Update">The request: a new revision, an old one (rollback), forceNewDeployment, or a desired count.</param>
/// <param name="PreviousTaskDefinitionArn">Where a failed rollout goes back to.</param>
/// <param name="Timeout">How long the rollout may take; default the configuration's deploy timeout.</param>
/// <param name="NoWait">Return once ECS accepted it.</param>
/// <param name="Image">The image being deployed, for the result.</param>
/// <param name="Registered">Whether a revision was registered for it, for the result.</param>
public sealed record Rollout(
    UpdateServiceRequest Update,
    string? PreviousTaskDefinitionArn,
    TimeSpan? Timeout = null,
    bool NoWait = false,
    ResolvedImage? Image = null,
    bool Registered = false)
{
    /// <summary>Measures the whole operation when it began before the rollout (resolving, registering).</summary>
    public Stopwatch? Stopwatch { get; init; }

    /// <summary>The fewest running tasks the rollout may settle with and still succeed (<see cref="RolloutGoal.WantedRunning"/>).</summary>
    public int WantedRunning { get; init; }
}

/// <summary>Finds the service a command acts on, with a message that says what to do when it is not there.</summary>
public static class ServiceLookup
{
    public static async Task<Service> RequireAsync(DeployTarget target, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        DescribeServicesResponse described;
        try
        {
            described = await target.Apis.Ecs.DescribeServicesAsync(
                new DescribeServicesRequest { Cluster = target.Spec.Cluster, Services = [target.Spec.Service] }, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Code == "ClusterNotFoundException")
        {
            throw new DeployException($"The cluster {target.Spec.Cluster} does not exist on {target.Environment.Describe()}.", SetUpHint(target), e);
        }

        var service = described.Services is { Count: > 0 } services ? services[0] : null;
        if (service is null || service.Status != "ACTIVE")
        {
            throw new DeployException(
                $"The service {target.Spec.Service} does not exist in cluster {target.Spec.Cluster} on {target.Environment.Describe()}{(service is null ? "" : $" (it is {service.Status})")}.",
                SetUpHint(target));
        }

        return service;
    }

    private static string SetUpHint(DeployTarget target) =>
        target.Environment.IsLocal
            ? "Run `fargo up` to create the service on the local region."
            : target.Spec.Flat is not null
                ? "A flat deploy file deploys into an existing cluster and service: check the cluster and service names in the file."
                : $"Create the environment's infrastructure first: fargo infra up --env {target.Environment.Name}.";
}

using System.Diagnostics;
using Fargo.Aws.Ecs;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Images;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Local;

/// <summary>
/// The last step of `fargo up`: the first time, register the task definition and create the service behind the target
/// group, then watch its first rollout; every later time, an ordinary deploy of the freshly built image.
/// </summary>
public static class LocalUp
{
    public static async Task<DeployResult> RollOutAsync(
        DeployTarget target,
        LocalTopologyResult topology,
        LocalImage image,
        Deployer deployer,
        IProgress<DeployProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(image);
        ArgumentNullException.ThrowIfNull(deployer);
        var request = new DeployRequest(null, image.ImageUri);
        var described = await target.Apis.Ecs.DescribeServicesAsync(
            new DescribeServicesRequest { Cluster = target.Spec.Cluster, Services = [target.Spec.Service] }, cancellationToken);
        var existing = described.Services.Head();
        if (existing is { Status: "ACTIVE" })
        {
            var plan = await Deployer.PlanAsync(target, request, cancellationToken);
            return await deployer.DeployAsync(plan, request, progress, cancellationToken);
        }

        var started = Stopwatch.StartNew();
        var resolved = await ImageResolver.ResolveUriAsync(target, image.ImageUri, cancellationToken);
        var parameters = await Deployer.ParametersUnderAsync(target.Apis.Ssm, target.Spec.SecretsPath, cancellationToken);
        var registered = await target.Apis.Ecs.RegisterTaskDefinitionAsync(target.Spec.Render(resolved.Uri, parameters), cancellationToken);
        var arn = registered.TaskDefinition?.TaskDefinitionArn ?? throw new DeployException("ECS registered the task definition but returned no ARN.");
        progress.Step($"Registered {EcsNames.TaskDefinitionName(arn)}");
        var startedAt = DateTimeOffset.UtcNow;
        var created = await target.Apis.Ecs.CreateServiceAsync(LocalTopology.CreateServiceRequest(target, arn, topology.TargetGroupArn), cancellationToken);
        var deploymentId = (created.Service?.Deployments ?? []).FirstOrDefault(d => d.Status == "PRIMARY")?.Id
            ?? throw new DeployException("ECS created the service but reported no deployment.");
        progress?.Report(new RolloutStarted(arn, deploymentId, null));
        progress.Step($"Created service {target.Spec.Service} ({created.Service?.DesiredCount} tasks)");
        var state = await deployer.Watcher.WatchAsync(
            target,
            new RolloutGoal(arn, deploymentId, startedAt, target.Spec.DeployTimeout),
            progress is null ? null : new Forward(progress),
            cancellationToken);
        return new DeployResult(
            state.Verdict.IsSuccess ? DeployOutcome.Succeeded : DeployOutcome.Failed,
            arn, resolved.Uri, resolved.Digest, deploymentId, true, state, null, started.Elapsed);
    }

    private sealed class Forward(IProgress<DeployProgress> inner) : IProgress<RolloutState>
    {
        public void Report(RolloutState value) => inner.Report(new RolloutUpdate(value, false));
    }
}

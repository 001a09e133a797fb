using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;

namespace Fargo.Deploy.Watching;

/// <summary>
/// One look at a service, as ECS and the load balancer describe it at one moment: DescribeServices, the tasks
/// (live ones and the recently stopped ones of the deployment being watched) and the target group's health.
/// </summary>
/// <param name="At">When the look was taken (the watcher's clock).</param>
/// <param name="Service">The service, or null when ECS says it is missing.</param>
/// <param name="Tasks">Tasks as DescribeTasks returns them.</param>
/// <param name="Targets">DescribeTargetHealth of each of the service's target groups.</param>
public sealed record ServiceSnapshot(
    DateTimeOffset At,
    Service? Service,
    IReadOnlyList<EcsTask> Tasks,
    IReadOnlyList<TargetHealthDescription> Targets);

/// <summary>What a rollout is meant to reach.</summary>
/// <param name="TaskDefinitionArn">The revision that must end up PRIMARY and running.</param>
/// <param name="DeploymentId">The deployment UpdateService started (ecs-svc/…), when known.</param>
/// <param name="StartedAt">When the deploy started (registration, or UpdateService when nothing was registered).</param>
/// <param name="Timeout">How long the rollout may take before it counts as failed.</param>
/// <param name="PreviousTaskDefinitionArn">The revision that ran before: where a failed rollout goes back to.</param>
/// <param name="WantedRunning">How many tasks the configuration wants running: when it wants some, a rollout that settles
/// with none ("0 of 0") is a failure, never a success (a count scaled to 1 of 2 is the owner's choice, see
/// DesiredCountOwnership). 0 for rollouts that may legitimately end with none (scale 0).</param>
public sealed record RolloutGoal(
    string TaskDefinitionArn,
    string? DeploymentId,
    DateTimeOffset StartedAt,
    TimeSpan Timeout,
    string? PreviousTaskDefinitionArn = null,
    int WantedRunning = 0);

using Fargo.Aws.Ecs;
using Fargo.Deploy.Images;
using Fargo.Deploy.Targets;
using Fargo.Deploy.TaskDefinitions;
using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Deploying;

/// <summary>What to deploy: a version of the service's repository or an image URI, and how.</summary>
/// <param name="Version">A tag of the service's repository.</param>
/// <param name="ImageUri">An image URI (pinned or tagged).</param>
/// <param name="Force">Register a new revision and start a new deployment even when nothing changed.</param>
/// <param name="NoWait">Return once ECS has accepted the deployment.</param>
/// <param name="Timeout">How long the rollout may take; default: the configuration's deploy timeout.</param>
public sealed record DeployRequest(string? Version, string? ImageUri, bool Force = false, bool NoWait = false, TimeSpan? Timeout = null);

/// <summary>
/// What a deploy will do, worked out before anything changes: the image, the task definition it would register, what
/// differs from the running revision and service, and whether there is anything to do at all. Approval prompts
/// (requires_approval) and `fargo diff` show this.
/// </summary>
public sealed record DeployPlan(
    DeployTarget Target,
    ResolvedImage Image,
    RegisterTaskDefinitionRequest TaskDefinition,
    Service Service,
    string? CurrentTaskDefinitionArn,
    IReadOnlyList<JsonChange> TaskDefinitionChanges,
    IReadOnlyList<JsonChange> ServiceChanges,
    UpdateServiceRequest? ServiceSettingsUpdate,
    bool Force)
{
    /// <summary>A new revision gets registered: the task definition differs from the running one, or --force.</summary>
    public bool RegistersRevision => Force || CurrentTaskDefinitionArn is null || TaskDefinitionChanges.Count > 0;

    public bool HasChanges => RegistersRevision || ServiceChanges.Count > 0;

    /// <summary>The desired count this deploy gives a service that runs no task (the stack creates it at 0); null otherwise.</summary>
    public int? StartsTasks => ServiceSettingsUpdate?.DesiredCount;
}

public enum DeployOutcome
{
    /// <summary>The new revision rolled out and the service is steady on it.</summary>
    Succeeded,

    /// <summary>Nothing to change: the revision describing this image and configuration already runs, steady.</summary>
    AlreadyLive,

    /// <summary>--no-wait: ECS accepted the deployment; nobody watched it finish.</summary>
    Started,

    /// <summary>The rollout failed (circuit breaker, FAILED, timeout, replaced); see the verdict.</summary>
    Failed,
}

/// <summary>How the service got back to its last good revision after a failed rollout.</summary>
/// <param name="TaskDefinitionArn">The revision it went back to.</param>
/// <param name="ByFargo">Fargo asked for it (timeout, breaker without rollback); otherwise ECS's circuit breaker did.</param>
/// <param name="Recovery">The watch of the rollback's own rollout, if it was watched.</param>
public sealed record RollbackReport(string TaskDefinitionArn, bool ByFargo, RolloutState? Recovery);

/// <summary>The end of a deploy.</summary>
public sealed record DeployResult(
    DeployOutcome Outcome,
    string TaskDefinitionArn,
    string? Image,
    string? Digest,
    string? DeploymentId,
    bool Registered,
    RolloutState? Rollout,
    RollbackReport? Rollback,
    TimeSpan Elapsed)
{
    public bool IsSuccess => Outcome is DeployOutcome.Succeeded or DeployOutcome.AlreadyLive or DeployOutcome.Started;
}

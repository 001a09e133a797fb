using Fargo.Deploy.Watching;

namespace Fargo.Deploy.Deploying;

/// <summary>What a deploy (or rollback, redeploy, scale) tells while it runs. The CLI renders it live or as lines.</summary>
public abstract record DeployProgress;

/// <summary>A step done or begun: "Resolved v2 to sha256:…", "Registered revision 7".</summary>
public sealed record DeployStep(string Message) : DeployProgress;

/// <summary>UpdateService accepted the revision: a rollout is under way (Ctrl-C from here on asks what to do).</summary>
public sealed record RolloutStarted(string TaskDefinitionArn, string DeploymentId, string? PreviousTaskDefinitionArn) : DeployProgress;

/// <summary>The latest look at the rollout. <paramref name="IsRecovery"/>: the rollout back to the last good revision.</summary>
public sealed record RolloutUpdate(RolloutState State, bool IsRecovery) : DeployProgress;

/// <summary>Sends progress to a sink that may be null.</summary>
internal static class ProgressExtensions
{
    public static void Step(this IProgress<DeployProgress>? progress, string message) => progress?.Report(new DeployStep(message));
}

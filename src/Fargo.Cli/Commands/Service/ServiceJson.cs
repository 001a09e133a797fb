using System.Text.Json.Serialization;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Watching;

namespace Fargo.Cli.Commands.Service;

// `--output json` of the service commands. camelCase, absent values left out; scripts may rely on the shape.

internal sealed record DeployResultJson(
    string Outcome,
    string Environment,
    string Service,
    string TaskDefinition,
    int Revision,
    string? Image,
    string? Digest,
    string? DeploymentId,
    bool Registered,
    VerdictJson? Verdict,
    RollbackJson? Rollback,
    IReadOnlyList<PhaseJson>? Timeline,
    double ElapsedSeconds,
    string? Url = null)
{
    public static DeployResultJson From(DeployResult result, string environment, string service, string? url = null) => new(
        result.Outcome switch
        {
            DeployOutcome.Succeeded => "succeeded",
            DeployOutcome.AlreadyLive => "alreadyLive",
            DeployOutcome.Started => "started",
            _ => "failed",
        },
        environment,
        service,
        result.TaskDefinitionArn,
        EcsNames.Revision(result.TaskDefinitionArn),
        result.Image,
        result.Digest,
        result.DeploymentId,
        result.Registered,
        result.Rollout is { } state ? VerdictJson.From(state.Verdict) : null,
        result.Rollback is { } rollback ? new RollbackJson(rollback.TaskDefinitionArn, EcsNames.Revision(rollback.TaskDefinitionArn), rollback.ByFargo, rollback.Recovery?.Verdict.IsSuccess) : null,
        result.Rollout is { } watched ? PhaseJson.From(watched) : null,
        Math.Round(result.Elapsed.TotalSeconds, 1),
        url);
}

internal sealed record VerdictJson(string Outcome, string Summary, IReadOnlyList<ReasonJson> StoppedReasons, IReadOnlyList<string> HealthFailures, string? RolledBackTo)
{
    public static VerdictJson From(RolloutVerdict verdict) => new(
        JsonNamingPolicyCamel(verdict.Outcome.ToString()),
        verdict.Summary,
        [.. verdict.StoppedReasons.Select(r => new ReasonJson(r.Reason, r.Count))],
        verdict.HealthFailures,
        verdict.RolledBackTo);

    private static string JsonNamingPolicyCamel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

internal sealed record ReasonJson(string Reason, int Count);

internal sealed record RollbackJson(string TaskDefinition, int Revision, bool ByFargo, bool? Steady);

internal sealed record PhaseJson(string Phase, double OffsetSeconds, double DurationSeconds)
{
    public static IReadOnlyList<PhaseJson> From(RolloutState state) =>
        [.. state.Timeline.Durations(state.ObservedAt ?? state.Goal.StartedAt)
            .Select(p => new PhaseJson(p.Phase.ToString().ToLowerInvariant(), Math.Round(p.Offset.TotalSeconds, 1), Math.Round(p.Duration.TotalSeconds, 1)))];
}

internal sealed record StatusJson(
    string Environment,
    string Cluster,
    string Service,
    string Status,
    string TaskDefinition,
    int Revision,
    string? Image,
    int Desired,
    int Running,
    int Pending,
    bool Steady,
    string? Url,
    IReadOnlyList<DeploymentView> Deployments,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<TargetView> Targets,
    IReadOnlyList<EventJson> Events,
    ScalingView? Scaling,
    ReportsView? Reports)
{
    public static StatusJson From(ServiceStatusReport r) => new(
        r.Environment, r.Cluster, r.Service, r.Status, r.TaskDefinition, r.Revision, r.Image, r.Desired, r.Running, r.Pending, r.Steady, r.Url,
        r.Deployments, r.Tasks, r.Targets, [.. r.Events.Select(e => new EventJson(e.CreatedAt, e.Message ?? ""))], r.Scaling, r.Reports);
}

internal sealed record EventJson(DateTimeOffset? At, string Message);

internal sealed record CheckJson(string Name, string Status, string Detail);

internal sealed record VerifyJson(string Environment, string Service, bool Ready, IReadOnlyList<CheckJson> Checks);

internal sealed record ChangeJson(string Path, string? Before, string? After);

internal sealed record DiffJson(string Environment, string Service, string Image, string? CurrentTaskDefinition, bool RegistersRevision, IReadOnlyList<ChangeJson> TaskDefinitionChanges, IReadOnlyList<ChangeJson> ServiceChanges);

internal sealed record SecretJson(string Name, string Parameter, string Type, long? Version, DateTimeOffset? LastModified);

internal sealed record SecretListJson(string Environment, string Path, IReadOnlyList<SecretJson> Secrets);

internal sealed record PromoteJson(
    string From,
    string To,
    string Digest,
    string Source,
    string Destination,
    string? Tag,
    bool AlreadyThere,
    string Method,
    bool Forced,
    int? BlobsCopied,
    int? BlobsPresent,
    long? BytesCopied,
    string? Service = null);

internal sealed record RunJson(string TaskArn, int? ExitCode, string? StoppedReason, string? StopCode);

internal sealed record BuildJson(string Service, string Version, string Output, double ElapsedSeconds, string? Image = null, string? Digest = null);

internal sealed record UpJson(string Service, string Url, string Version, DeployResultJson Deploy);

internal sealed record LogLineJson(DateTimeOffset Timestamp, string Task, string Container, string Message, string? Service = null);

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    NewLine = "\n")]
[JsonSerializable(typeof(DeployResultJson))]
[JsonSerializable(typeof(IReadOnlyList<DeployResultJson>))]
[JsonSerializable(typeof(StatusJson))]
[JsonSerializable(typeof(IReadOnlyList<StatusJson>))]
[JsonSerializable(typeof(VerifyJson))]
[JsonSerializable(typeof(DiffJson))]
[JsonSerializable(typeof(SecretListJson))]
[JsonSerializable(typeof(PromoteJson))]
[JsonSerializable(typeof(IReadOnlyList<PromoteJson>))]
[JsonSerializable(typeof(RunJson))]
[JsonSerializable(typeof(BuildJson))]
[JsonSerializable(typeof(IReadOnlyList<BuildJson>))]
[JsonSerializable(typeof(UpJson))]
internal sealed partial class ServiceJsonContext : JsonSerializerContext;

/// <summary>One log line per JSON document (JSON Lines), so `fargo logs -f --output json` streams.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LogLineJson))]
internal sealed partial class LogLineJsonContext : JsonSerializerContext;

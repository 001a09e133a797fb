using System.Globalization;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Watching;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// Progress as plain lines, for logs and CI: each step, and each change the watcher sees (a deployment's counts, a
/// task's lifecycle state or target health, a new service event, a notice), never the same line twice.
/// </summary>
internal sealed class PlainRolloutPrinter(IAnsiConsole console) : IProgress<DeployProgress>
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, string> _lastDeployment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _lastTask = new(StringComparer.Ordinal);
    private readonly HashSet<string> _events = new(StringComparer.Ordinal);
    private string? _notice;

    public void Report(DeployProgress value)
    {
        lock (_gate)
        {
            switch (value)
            {
                case DeployStep step:
                    console.MarkupLine($"[bold]•[/] {Markup.Escape(step.Message)}");
                    break;
                case RolloutUpdate update:
                    Print(update.State, update.IsRecovery);
                    break;
            }
        }
    }

    private void Print(RolloutState state, bool recovery)
    {
        var prefix = recovery ? "  [grey](rollback)[/] " : "  ";
        foreach (var e in state.Events.Where(e => e.Id is not null && _events.Add(e.Id)))
        {
            console.MarkupLine($"{prefix}[grey]{e.CreatedAt?.ToUniversalTime():HH:mm:ss}[/] {Markup.Escape(e.Message ?? "")}");
        }

        foreach (var d in state.Deployments)
        {
            var line = $"deployment {d.Status} revision {d.Revision} {d.RolloutState ?? ""}: {d.Running}/{d.Desired} running, {d.Pending} pending, {d.Failed} failed";
            if (!_lastDeployment.TryGetValue(d.Id, out var last) || last != line)
            {
                _lastDeployment[d.Id] = line;
                console.MarkupLine(prefix + Markup.Escape(line));
            }
        }

        foreach (var t in state.Tasks)
        {
            var line = $"task {Short(t.TaskId)} revision {t.Revision}: {t.LastStatus}{(t.TargetState is null ? "" : $", target {t.TargetState}")}{(t.StoppedReason is null ? "" : $" ({t.StoppedReason})")}";
            if (!_lastTask.TryGetValue(t.TaskArn, out var last) || last != line)
            {
                _lastTask[t.TaskArn] = line;
                console.MarkupLine(prefix + Markup.Escape(line));
            }
        }

        if (state.Notice != _notice)
        {
            _notice = state.Notice;
            if (_notice is not null)
            {
                console.MarkupLine($"{prefix}[yellow]{Markup.Escape(_notice)}[/]");
            }
        }
    }

    internal static string Short(string taskId) => taskId.Length > 8 ? taskId[..8] : taskId;
}

/// <summary>
/// The live view of a rollout on an interactive terminal: the steps so far, the deployments (revision, rollout state,
/// desired/pending/running/failed), the tasks with their lifecycle state and target health, the new revision's stopped
/// tasks grouped by reason, and the latest service events. Redrawn on every look.
/// </summary>
internal sealed class LiveRolloutView(string title) : IProgress<DeployProgress>
{
    private const int EventsShown = 5;
    private readonly Lock _gate = new();
    private readonly List<string> _steps = [];
    private RolloutState? _state;
    private bool _recovery;

    public LiveDisplayContext? Context { get; set; }

    public void Report(DeployProgress value)
    {
        lock (_gate)
        {
            switch (value)
            {
                case DeployStep step:
                    _steps.Add(step.Message);
                    break;
                case RolloutUpdate update:
                    _state = update.State;
                    _recovery = update.IsRecovery;
                    break;
            }

            if (Context is { } context)
            {
                context.UpdateTarget(Render());
                context.Refresh();
            }
        }
    }

    public IRenderable Render()
    {
        lock (_gate)
        {
            var rows = new List<IRenderable> { new Markup($"[bold]{Markup.Escape(title)}[/]") };
            rows.AddRange(_steps.Select(s => new Markup($"[green]✔[/] {Markup.Escape(s)}")));
            if (_state is not { } state)
            {
                return new Rows(rows);
            }

            if (_recovery)
            {
                rows.Add(new Markup("[yellow]Rolling back to the last good revision[/]"));
            }

            var elapsed = (state.ObservedAt ?? state.Goal.StartedAt) - state.Goal.StartedAt;
            rows.Add(new Markup($"[grey]{RolloutTimelineText.Format(elapsed)} elapsed; service {state.RunningCount}/{state.DesiredCount} running, {state.PendingCount} pending[/]"));

            var deployments = new Table().Border(TableBorder.Simple).AddColumns("deployment", "revision", "rollout", "desired", "pending", "running", "failed");
            foreach (var d in state.Deployments)
            {
                deployments.AddRow(
                    Markup.Escape(d.Status) + (d.IsWatched ? " [blue]←[/]" : ""),
                    d.Revision.ToString(CultureInfo.InvariantCulture),
                    RolloutMarkup(d.RolloutState),
                    d.Desired.ToString(CultureInfo.InvariantCulture),
                    d.Pending.ToString(CultureInfo.InvariantCulture),
                    d.Running.ToString(CultureInfo.InvariantCulture),
                    d.Failed == 0 ? "0" : $"[red]{d.Failed}[/]");
            }

            rows.Add(deployments);

            var live = state.Tasks.Where(t => t.LastStatus != "STOPPED").ToList();
            if (live.Count > 0)
            {
                var tasks = new Table().Border(TableBorder.Simple).AddColumns("task", "revision", "state", "health", "target");
                foreach (var t in live)
                {
                    tasks.AddRow(
                        Markup.Escape(PlainRolloutPrinter.Short(t.TaskId)) + (t.IsNew ? " [blue]new[/]" : ""),
                        t.Revision.ToString(CultureInfo.InvariantCulture),
                        TaskStateMarkup(t),
                        Markup.Escape(t.HealthStatus ?? ""),
                        TargetMarkup(t.TargetState, t.TargetReason));
                }

                rows.Add(tasks);
            }

            var stopped = state.StoppedTasks.Values.GroupBy(r => r, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ToList();
            if (stopped.Count > 0)
            {
                rows.Add(new Markup("[bold]Stopped tasks of the new revision[/]"));
                rows.AddRange(stopped.Select(g => new Markup($"  [red]{g.Count()}×[/] {Markup.Escape(g.Key)}")));
            }

            var events = state.Events.TakeLast(EventsShown).ToList();
            if (events.Count > 0)
            {
                rows.Add(new Markup("[bold]Latest events[/]"));
                rows.AddRange(events.Select(e => new Markup($"  [grey]{e.CreatedAt?.ToUniversalTime():HH:mm:ss}[/] {Markup.Escape(e.Message ?? "")}")));
            }

            if (state.Notice is { } notice)
            {
                rows.Add(new Markup($"[yellow]{Markup.Escape(notice)}[/]"));
            }

            return new Rows(rows);
        }
    }

    private static string RolloutMarkup(string? rollout) => rollout switch
    {
        "COMPLETED" => "[green]COMPLETED[/]",
        "FAILED" => "[red]FAILED[/]",
        "IN_PROGRESS" => "[yellow]IN_PROGRESS[/]",
        _ => Markup.Escape(rollout ?? ""),
    };

    private static string TaskStateMarkup(TaskView task) => task.DesiredStatus == "STOPPED"
        ? $"[grey]{Markup.Escape(task.LastStatus)} → STOPPED[/]"
        : task.LastStatus == "RUNNING" ? "[green]RUNNING[/]" : $"[yellow]{Markup.Escape(task.LastStatus)}[/]";

    private static string TargetMarkup(string? state, string? reason) => state switch
    {
        null => "",
        "healthy" => "[green]healthy[/]",
        "unhealthy" => $"[red]unhealthy[/] {Markup.Escape(reason ?? "")}",
        "draining" => "[grey]draining[/]",
        _ => $"[yellow]{Markup.Escape(state)}[/]",
    };
}

/// <summary>How the end of a rollout is told: verdict, reasons, what happened to the service, and where the time went.</summary>
internal static class RolloutTimelineText
{
    public static string Format(TimeSpan duration) =>
        duration.TotalHours >= 1 ? $"{(int)duration.TotalHours}h{duration.Minutes:00}m{duration.Seconds:00}s"
        : duration.TotalMinutes >= 1 ? $"{(int)duration.TotalMinutes}m{duration.Seconds:00}s"
        : $"{duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)}s";

    /// <param name="loadBalanced">Whether health is the target group's; a worker's or internal service's tasks are healthy by their own check.</param>
    public static string PhaseName(RolloutPhase phase, bool loadBalanced) => phase switch
    {
        RolloutPhase.Registered => "registered",
        RolloutPhase.Provisioning => "provisioning",
        RolloutPhase.Pending => "pending",
        RolloutPhase.Running => "running",
        RolloutPhase.Healthy => loadBalanced ? "healthy in the target group" : "healthy",
        RolloutPhase.Draining => "old tasks draining",
        RolloutPhase.Steady => "steady",
        _ => phase.ToString(),
    };

    public static void Write(IAnsiConsole console, DeployResult result)
    {
        var state = result.Rollout;
        switch (result.Outcome)
        {
            case DeployOutcome.AlreadyLive:
                console.MarkupLine($"[green]✔[/] Nothing to deploy: {Markup.Escape(Revision(result.TaskDefinitionArn))} already runs this image and configuration, steady.");
                return;
            case DeployOutcome.Started:
                console.MarkupLine($"[green]✔[/] ECS accepted {Markup.Escape(Revision(result.TaskDefinitionArn))} (deployment {Markup.Escape(result.DeploymentId ?? "")}); not waiting for it (--no-wait). `fargo status` follows it.");
                return;
            case DeployOutcome.Succeeded:
                console.MarkupLine($"[green]✔[/] {Markup.Escape(Capitalize(state!.Verdict.Summary))} ({Format(result.Elapsed)}).");
                break;
            default:
                console.MarkupLine($"[red]✘ Failed:[/] {Markup.Escape(state?.Verdict.Summary ?? "the rollout failed")}.");
                foreach (var line in state?.Verdict.ReasonLines() ?? [])
                {
                    console.MarkupLine($"  [red]•[/] {Markup.Escape(line)}");
                }

                if (result.Rollback is { } rollback)
                {
                    var who = rollback.ByFargo ? "Fargo rolled the service back" : "ECS's circuit breaker rolled the service back";
                    var how = rollback.Recovery?.Verdict switch
                    {
                        { IsSuccess: true } => "; it is steady there",
                        { } verdict => $"; that rollout did not settle: {verdict.Summary}",
                        null => "",
                    };
                    console.MarkupLine($"  [yellow]↩[/] {who} to {Markup.Escape(Revision(rollback.TaskDefinitionArn))}{Markup.Escape(how)}.");
                }
                else if (state?.Verdict.Outcome is RolloutOutcome.TimedOut or RolloutOutcome.Failed)
                {
                    console.MarkupLine("  [yellow]↩[/] Nothing to roll back to (no earlier revision), or rollback is off in fargo.toml: the service was left as it is.");
                }

                break;
        }

        if (state is not null)
        {
            WriteTimeline(console, state);
        }
    }

    public static void WriteTimeline(IAnsiConsole console, RolloutState state)
    {
        var end = state.ObservedAt ?? state.Goal.StartedAt;
        var table = new Table().Border(TableBorder.Simple).AddColumns("phase", "at", "took");
        foreach (var (phase, offset, duration) in state.Timeline.Durations(end))
        {
            table.AddRow(PhaseName(phase, state.HasLoadBalancer), "+" + Format(offset), phase == RolloutPhase.Steady ? "" : Format(duration));
        }

        console.Write(table);
    }

    internal static string Revision(string taskDefinitionArn) => $"revision {EcsNames.Revision(taskDefinitionArn)} ({EcsNames.TaskDefinitionName(taskDefinitionArn)})";

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

using System.CommandLine;
using System.Globalization;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Watching;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>`fargo status`: the service, its deployments, tasks, target health, URL, recent events, autoscaling and reports URL.</summary>
internal sealed class StatusCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var command = new Command(
            "status",
            "Show the service: its revision and image, desired/running/pending tasks, deployments and their rollout state, " +
            "each task's lifecycle state and target health, the URL, the latest service events, the autoscaling range, " +
            "policies and last scaling activity when the service autoscales, and with a reports bucket its CloudFront URL " +
            "(on the local region, the local URL its distribution is served at). --output json for scripts. In an app of several " +
            "services without --service: every service, one section each (--output json: an array, one object per service).");
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            // Every service of an app without --service (in deploy order): a section each, or a JSON array.
            var selections = ServiceTargets.SelectApp(context);
            var reports = new List<(ServiceSelection Selection, ServiceStatusReport Report)>();
            foreach (var selection in selections)
            {
                reports.Add((selection, await ReadAsync(context, selection, cancellation)));
            }

            if (context.Json)
            {
                if (reports.Count == 1)
                {
                    context.WriteJson(StatusJson.From(reports[0].Report), ServiceJsonContext.Default.StatusJson);
                }
                else
                {
                    context.WriteJson<IReadOnlyList<StatusJson>>([.. reports.Select(r => StatusJson.From(r.Report))], ServiceJsonContext.Default.IReadOnlyListStatusJson);
                }

                return ExitCodes.Success;
            }

            foreach (var (selection, report) in reports)
            {
                if (!ReferenceEquals(selection, reports[0].Selection))
                {
                    context.Host.Out.WriteLine();
                }

                Write(context.Host.Out, report, selection.Environment.Describe());
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static async Task<ServiceStatusReport> ReadAsync(CommandContext context, ServiceSelection selection, CancellationToken cancellation)
    {
        using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
        var report = await ServiceStatusReader.ReadAsync(session.Target, SystemClock.Instance, cancellation);
        if (selection.Environment.IsLocal && report.Reports is { } reports)
        {
            // The distribution's AWS name does not resolve; the local region serves it on an address of its own.
            using var local = new LocalRegionAccessor(context.Host);
            report = report with { Reports = reports with { LocalUrl = await local.DistributionUrlAsync(new Uri(reports.Url).Host, cancellation) } };
        }

        return report;
    }

    private static void Write(IAnsiConsole console, ServiceStatusReport report, string where)
    {
        var state = report.Steady ? "[green]steady[/]" : "[yellow]changing[/]";
        console.MarkupLine($"[bold]{Markup.Escape(report.Service)}[/] in {Markup.Escape(report.Cluster)} on {Markup.Escape(where)}: {Markup.Escape(report.Status)}, {state}");
        var grid = new Grid().AddColumn(new GridColumn().Padding(2, 0, 2, 0)).AddColumn();
        grid.AddRow("revision", Markup.Escape($"{report.Revision} ({EcsNames.TaskDefinitionName(report.TaskDefinition)})"));
        grid.AddRow("image", Markup.Escape(report.Image ?? "?"));
        grid.AddRow("tasks", Markup.Escape($"{report.Running} running, {report.Pending} pending, {report.Desired} desired"));
        grid.AddRow("url", report.Url is null ? "[grey]none (no load balancer)[/]" : Markup.Escape(report.Url));
        if (report.Reports is { } reports)
        {
            grid.AddRow("reports", reports.LocalUrl is { } local
                ? $"{Markup.Escape(local)} [grey](CloudFront {Markup.Escape(reports.Url)}, served by the local region)[/]"
                : Markup.Escape(reports.Url));
        }

        console.Write(grid);

        var deployments = new Table().Border(TableBorder.Simple).AddColumns("deployment", "id", "revision", "rollout", "desired", "pending", "running", "failed");
        foreach (var d in report.Deployments)
        {
            deployments.AddRow(Markup.Escape(d.Status), Markup.Escape(d.Id), d.Revision.ToString(CultureInfo.InvariantCulture), Markup.Escape(d.RolloutState ?? ""),
                d.Desired.ToString(CultureInfo.InvariantCulture), d.Pending.ToString(CultureInfo.InvariantCulture), d.Running.ToString(CultureInfo.InvariantCulture), d.Failed.ToString(CultureInfo.InvariantCulture));
        }

        console.Write(deployments);
        if (report.Tasks.Count > 0)
        {
            var tasks = new Table().Border(TableBorder.Simple).AddColumns("task", "revision", "state", "desired", "health", "target");
            foreach (var t in report.Tasks)
            {
                tasks.AddRow(Markup.Escape(t.TaskId), t.Revision.ToString(CultureInfo.InvariantCulture), Markup.Escape(t.LastStatus), Markup.Escape(t.DesiredStatus),
                    Markup.Escape(t.HealthStatus ?? ""), Markup.Escape(t.TargetState is null ? "" : $"{t.TargetState}{(t.TargetReason is null ? "" : $" ({t.TargetReason})")}"));
            }

            console.Write(tasks);
        }

        if (report.Scaling is { } scaling)
        {
            WriteScaling(console, scaling, report.Desired);
        }

        if (report.Events.Count > 0)
        {
            console.MarkupLine("[bold]Recent events[/]");
            foreach (var e in report.Events)
            {
                console.MarkupLine($"  [grey]{e.CreatedAt?.ToUniversalTime():yyyy-MM-dd HH:mm:ss}[/] {Markup.Escape(e.Message ?? "")}");
            }
        }
    }

    private static void WriteScaling(IAnsiConsole console, ScalingView scaling, int desired)
    {
        var suspended = (scaling.ScaleOutSuspended, scaling.ScaleInSuspended) switch
        {
            (true, true) => ", scaling suspended",
            (true, false) => ", scale-out suspended",
            (false, true) => ", scale-in suspended",
            _ => "",
        };
        console.MarkupLine(Markup.Escape($"Autoscaling: min {scaling.Min}, max {scaling.Max}, desired {desired}{suspended}"));
        if (scaling.Policies.Count > 0)
        {
            var policies = new Table().Border(TableBorder.Simple).AddColumns("policy", "metric", "target", "cooldown out/in", "scale-in");
            foreach (var p in scaling.Policies)
            {
                policies.AddRow(
                    Markup.Escape(p.Name),
                    Markup.Escape(p.Metric ?? p.Type),
                    Markup.Escape(p.Target?.ToString(CultureInfo.InvariantCulture) ?? ""),
                    Markup.Escape($"{Seconds(p.ScaleOutCooldown)}/{Seconds(p.ScaleInCooldown)}"),
                    p.ScaleInDisabled ? "disabled" : "enabled");
            }

            console.Write(policies);
        }

        if (scaling.LastActivity is { } last)
        {
            console.MarkupLine($"  last activity [grey]{last.Start.ToUniversalTime():yyyy-MM-dd HH:mm:ss}[/] {Markup.Escape($"{last.Description} ({last.Status}): {last.Cause}")}");
        }
    }

    /// <summary>A cooldown as the policy has it; unset means Application Auto Scaling's default for ECS, 300 s.</summary>
    private static string Seconds(int? cooldown) => cooldown is { } seconds ? $"{seconds.ToString(CultureInfo.InvariantCulture)} s" : "300 s";
}

using Fargo.Cli.Rendering;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Watching;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// Runs a rollout (deploy, redeploy, rollback, scale) the way every one of them is shown: a live view on an interactive
/// terminal, plain progress lines otherwise (and on stderr with --output json, so stdout stays one JSON document); Ctrl-C
/// asks whether to roll back or leave the rollout running (not interactive: leaves it running and says so), exit 130;
/// at the end the verdict, the reasons and the timeline; exit 0 on success, 1 on failure.
/// </summary>
internal static class RolloutRunner
{
    public static bool IsInteractive(CommandContext context) =>
        !context.Json && context.Host.Out.Profile.Capabilities.Interactive && !Console.IsInputRedirected;

    public static async Task<int> RunAsync(
        CommandContext context,
        DeployTarget target,
        string title,
        Func<IProgress<DeployProgress>, CancellationToken, Task<DeployResult>> rollout,
        CancellationToken cancellation,
        Func<string?>? url = null,
        RolloutResults? results = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(rollout);
        var interactive = IsInteractive(context);
        using var interrupt = new RolloutInterrupt(holdSignal: interactive, cancellation);
        DeployResult result;
        try
        {
            if (interactive)
            {
                var view = new LiveRolloutView(title);
                DeployResult? outcome = null;
                await context.Host.Out.Live(view.Render()).AutoClear(false).StartAsync(async live =>
                {
                    view.Context = live;
                    outcome = await rollout(interrupt.Observe(view), interrupt.Token);
                });
                result = outcome!;
            }
            else
            {
                var console = context.Json ? context.Host.Error : context.Host.Out;
                console.MarkupLine($"[bold]{Markup.Escape(title)}[/]");
                result = await rollout(interrupt.Observe(new PlainRolloutPrinter(console)), interrupt.Token);
            }
        }
        catch (OperationCanceledException) when (interrupt.Interrupted)
        {
            try
            {
                return await InterruptedAsync(context, target, interrupt.Started, interactive);
            }
            finally
            {
                interrupt.Handled();
            }
        }

        var address = url?.Invoke();
        Report(context, target, result, address, results);
        if (address is not null && !context.Json && result.IsSuccess)
        {
            context.Host.Out.MarkupLine($"[bold]{Markup.Escape(target.Spec.Service)}[/] is up at [link]{Markup.Escape(address)}[/]");
        }

        return result.IsSuccess ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>The verdict and timeline; with --output json, the result goes to <paramref name="results"/> (a whole app's array), else is written.</summary>
    public static void Report(CommandContext context, DeployTarget target, DeployResult result, string? url = null, RolloutResults? results = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(result);
        if (context.Json)
        {
            (results ?? new RolloutResults(context, wholeApp: false)).Add(DeployResultJson.From(result, target.Environment.Name, target.Spec.Service, url));
            return;
        }

        RolloutTimelineText.Write(context.Host.Out, result);
    }

    private static async Task<int> InterruptedAsync(CommandContext context, DeployTarget target, RolloutStarted? started, bool interactive)
    {
        var console = context.Json ? context.Host.Error : context.Host.Out;
        if (started is null)
        {
            console.MarkupLine("[yellow]Interrupted before ECS was asked for anything: nothing changed.[/]");
            return ExitCodes.Interrupted;
        }

        var revision = RolloutTimelineText.Revision(started.TaskDefinitionArn);
        var previous = started.PreviousTaskDefinitionArn;
        var canRollBack = previous is not null && previous != started.TaskDefinitionArn;
        if (interactive && canRollBack)
        {
            var back = $"Roll back to {RolloutTimelineText.Revision(previous!)}";
            const string leave = "Leave the deployment running";
            var choice = console.Prompt(new SelectionPrompt<string>()
                .Title($"Interrupted while {Markup.Escape(revision)} rolls out. What now?")
                .AddChoices(back, leave));
            if (choice == back)
            {
                // Not watched: the answer is wanted now. `fargo status` follows the rollback.
                await new Deployer(SystemClock.Instance).RollBackAsync(target, previous!, watch: false, target.Spec.DeployTimeout, null, CancellationToken.None);
                console.MarkupLine($"[yellow]↩[/] Rolling back to {Markup.Escape(RolloutTimelineText.Revision(previous!))}; `fargo status` follows it.");
                return ExitCodes.Interrupted;
            }
        }

        console.MarkupLine($"[yellow]Interrupted:[/] the deployment of {Markup.Escape(revision)} was left running; ECS carries on without Fargo watching.");
        console.MarkupLine(canRollBack
            ? "  `fargo status` follows it; `fargo rollback` goes back to the previous revision."
            : "  `fargo status` follows it.");
        return ExitCodes.Interrupted;
    }
}

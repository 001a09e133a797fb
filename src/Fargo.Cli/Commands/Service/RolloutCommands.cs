using System.CommandLine;
using Fargo.Aws.Ecs;
using Fargo.Cli.Errors;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Targets;
using Fargo.Deploy.TaskDefinitions;
using Fargo.Deploy.Watching;

namespace Fargo.Cli.Commands.Service;

/// <summary>`fargo redeploy`: a new deployment of the running revision (fresh tasks, e.g. to pick up changed secrets).</summary>
internal sealed class RedeployCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var noWait = ServiceOptions.NoWait();
        var timeout = ServiceOptions.Timeout();
        var command = new Command(
            "redeploy",
            "Force a new deployment of the running revision: every task is replaced by a fresh one, with the rolling update's " +
            "safety (new tasks healthy before old ones stop). Values of secrets are read again by the new tasks. In an app of " +
            "several services without --service, every service is redeployed, called services before their callers; the first " +
            "failure stops there.")
        {
            noWait, timeout,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(() =>
            AppRollouts.RunAsync(context, ServiceTargets.SelectApp(context), async (selection, results) =>
            {
                using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
                var target = session.Target;
                var service = await ServiceLookup.RequireAsync(target, cancellation);
                var arn = service.TaskDefinition ?? throw new OperationFailedException($"The service {target.Spec.Service} has no task definition.");
                ServiceOptions.Confirm(context, selection.Environment, $"Replacing every task of {RolloutTimelineText.Revision(arn)}", []);
                var update = new UpdateServiceRequest { Cluster = target.Spec.Cluster, Service = target.Spec.Service, TaskDefinition = arn, ForceNewDeployment = true };
                var rollout = new Rollout(update, null, ServiceOptions.Duration(context.ParseResult.GetValue(timeout), "--timeout"), context.ParseResult.GetValue(noWait));
                return await RolloutRunner.RunAsync(
                    context, target, $"Redeploying {target.Spec.Service} on {selection.Environment.Describe()}",
                    (progress, token) => new Deployer(SystemClock.Instance).RollOutAsync(target, rollout, progress, token), cancellation, results: results);
            })));
        return command;
    }
}

/// <summary>`fargo rollback [--to REVISION]`: back to the previous ACTIVE revision, or the one named.</summary>
internal sealed class RollbackCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var to = new Option<int?>("--to")
        {
            Description = "The revision of the task definition family to go to (one service's: with --service in an app of several). Default: the newest ACTIVE revision before the running one.",
            HelpName = "revision",
        };
        var noWait = ServiceOptions.NoWait();
        var timeout = ServiceOptions.Timeout();
        var command = new Command(
            "rollback",
            "Roll the service back to an earlier revision and watch it become steady, as a deploy does. In an app of several " +
            "services without --service, every service goes back to its previous revision, called services before their " +
            "callers: each one's revision is found before anything changes (a service with none to go back to stops the " +
            "rollback there, nothing changed), and the first failed rollout stops there.")
        {
            to, noWait, timeout,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var revision = context.ParseResult.GetValue(to);
            if (revision is < 1)
            {
                throw new UsageException($"--to {revision}: revisions start at 1.");
            }

            var app = ServiceTargets.SelectApp(context);
            if (revision is not null && app.Count > 1)
            {
                throw new UsageException(
                    $"--to {revision} is a revision of one service's task definition; the app has {app.Count} services ({string.Join(", ", app.Select(s => s.Spec.Service))}).",
                    "Roll one back with --service NAME --to REVISION, or every service to its previous revision without --to.");
            }

            // Every service's way back is found before any of them changes: one with nothing to go back to changes nothing.
            var plans = new List<RollbackPlan>();
            try
            {
                foreach (var selection in app)
                {
                    var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
                    try
                    {
                        plans.Add(await PlanAsync(selection, session, revision, cancellation));
                    }
                    catch
                    {
                        session.Dispose();
                        throw;
                    }
                }

                return await AppRollouts.RunAsync(context, app, (selection, results) =>
                {
                    var plan = plans.Single(p => ReferenceEquals(p.Selection, selection));
                    var target = plan.Session.Target;
                    ServiceOptions.Confirm(context, selection.Environment, $"Rolling {target.Spec.Service} back", [new JsonChange("taskDefinition", EcsNames.TaskDefinitionName(plan.Current), EcsNames.TaskDefinitionName(plan.Goal))]);
                    var update = new UpdateServiceRequest { Cluster = target.Spec.Cluster, Service = target.Spec.Service, TaskDefinition = plan.Goal };
                    var rollout = new Rollout(update, plan.Current, ServiceOptions.Duration(context.ParseResult.GetValue(timeout), "--timeout"), context.ParseResult.GetValue(noWait));
                    return RolloutRunner.RunAsync(
                        context, target, $"Rolling {target.Spec.Service} back from revision {EcsNames.Revision(plan.Current)} to {EcsNames.Revision(plan.Goal)} on {selection.Environment.Describe()}",
                        (progress, token) => new Deployer(SystemClock.Instance).RollOutAsync(target, rollout, progress, token), cancellation, results: results);
                });
            }
            finally
            {
                foreach (var plan in plans)
                {
                    plan.Session.Dispose();
                }
            }
        }));
        return command;
    }

    /// <summary>The running revision and the one to go to (--to, else the newest ACTIVE one before it).</summary>
    private static async Task<RollbackPlan> PlanAsync(ServiceSelection selection, TargetSession session, int? revision, CancellationToken cancellation)
    {
        var target = session.Target;
        var service = await ServiceLookup.RequireAsync(target, cancellation);
        var current = service.TaskDefinition ?? throw new OperationFailedException($"The service {target.Spec.Service} has no task definition.");
        var goal = revision is { } number
            ? await Revisions.ResolveAsync(target, EcsNames.Family(current), number, cancellation)
            : await Revisions.PreviousAsync(target, current, cancellation);
        if (goal == current)
        {
            throw new UsageException($"{RolloutTimelineText.Revision(current)} is already the running revision.");
        }

        return new RollbackPlan(selection, session, current, goal);
    }

    private sealed record RollbackPlan(ServiceSelection Selection, TargetSession Session, string Current, string Goal);
}

/// <summary>`fargo scale N`: set the service's desired count and watch it get there.</summary>
internal sealed class ScaleCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var count = new Argument<int>("count") { Description = "How many tasks the service should run." };
        var noWait = ServiceOptions.NoWait();
        var timeout = ServiceOptions.Timeout();
        var command = new Command(
            "scale",
            "Set how many tasks the service runs, and watch until that many are running (and healthy behind the load balancer). " +
            "With autoscaling (min/max in fargo.toml) the autoscaler may change it again.")
        {
            count, noWait, timeout,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var desired = context.ParseResult.GetValue(count);
            if (desired < 0)
            {
                throw new UsageException($"{desired} tasks? The count is 0 or more.");
            }

            var selection = ServiceTargets.Select(context);
            using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
            var target = session.Target;
            var service = await ServiceLookup.RequireAsync(target, cancellation);
            ServiceOptions.Confirm(context, selection.Environment, "Scaling", [new JsonChange("desiredCount", service.DesiredCount.ToString(System.Globalization.CultureInfo.InvariantCulture), desired.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            var update = new UpdateServiceRequest { Cluster = target.Spec.Cluster, Service = target.Spec.Service, DesiredCount = desired };
            var rollout = new Rollout(update, null, ServiceOptions.Duration(context.ParseResult.GetValue(timeout), "--timeout"), context.ParseResult.GetValue(noWait));
            return await RolloutRunner.RunAsync(
                context, target, $"Scaling {target.Spec.Service} from {service.DesiredCount} to {desired} tasks on {selection.Environment.Describe()}",
                (progress, token) => new Deployer(SystemClock.Instance).RollOutAsync(target, rollout, progress, token), cancellation);
        }));
        return command;
    }
}

using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Local;
using Fargo.Deploy.TaskDefinitions;
using Fargo.Deploy.Watching;

namespace Fargo.Cli.Commands.Service;

/// <summary>
/// `fargo deploy [--version V | --image URI] [--force] [--no-wait] [--timeout D]`, and `fargo deploy config.toml IMAGE_URI`
/// for a flat deploy file.
/// </summary>
internal sealed class DeployCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var file = new Argument<string?>("config")
        {
            Description = "A flat deploy file (an existing cluster and service), followed by the image: fargo deploy config.toml IMAGE_URI.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var imageArgument = new Argument<string?>("image")
        {
            Description = "The image to deploy with a flat deploy file.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var version = ServiceOptions.Version("The version to deploy: a tag of the service's ECR repository (what `fargo build`/`fargo push` made). Default: the git short SHA of the project (with -dirty-HASH when it has changes).");
        var image = ServiceOptions.Image();
        var force = new Option<bool>("--force") { Description = "Register a new revision and roll it out even when nothing changed." };
        var noWait = ServiceOptions.NoWait();
        var timeout = ServiceOptions.Timeout();
        var command = new Command(
            "deploy",
            "Deploy a version: resolve the image to its digest, render the task definition, register it (unless the running " +
            "revision already says the same), update the service and watch the rollout until it is steady. A circuit-breaker " +
            "rollback, a FAILED rollout or a timeout exits 1 with the reasons, and the service is left on its last good revision. " +
            "Ctrl-C asks whether to roll back or leave the rollout running. In an app of several services without --service, " +
            "every service is deployed with --version, called services before their callers; the first failure stops there.")
        {
            file, imageArgument, version, image, force, noWait, timeout,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(() => RunAsync(
            context,
            context.ParseResult.GetValue(file),
            context.ParseResult.GetValue(imageArgument),
            context.ParseResult.GetValue(version),
            context.ParseResult.GetValue(image),
            new DeployRequest(null, null, context.ParseResult.GetValue(force), context.ParseResult.GetValue(noWait), ServiceOptions.Duration(context.ParseResult.GetValue(timeout), "--timeout")),
            cancellation)));
        return command;
    }

    private static async Task<int> RunAsync(
        CommandContext context, string? file, string? imageArgument, string? version, string? image, DeployRequest options, CancellationToken cancellation)
    {
        if (file is not null && imageArgument is null)
        {
            throw new UsageException($"'{file}' alone says nothing to deploy: the flat form is fargo deploy config.toml IMAGE_URI.", "For fargo.toml, use --version V or --image URI.");
        }

        if (imageArgument is not null && image is not null)
        {
            throw new UsageException("The image is given twice (as an argument and with --image).");
        }

        image ??= imageArgument;
        if (version is not null && image is not null)
        {
            throw new UsageException("Give --version or an image, not both.");
        }

        if (file is null && ServiceTargets.SelectApp(context) is { Count: > 1 } app)
        {
            if (image is not null)
            {
                throw new UsageException(
                    $"An image is one service's; the app has {app.Count} services ({string.Join(", ", app.Select(s => s.Spec.Service))}).",
                    "Deploy one with --service NAME --image URI, or every service with --version V (each from its own repository).");
            }

            version ??= await GitVersion.ResolveAsync(app[0].ProjectDirectory, cancellation);

            // Called services before their callers; a failure stops there, and the services after it keep what they run.
            return await AppRollouts.RunAsync(context, app, (service, results) =>
                DeployAsync(context, service, options with { Version = version, ImageUri = null }, version, results, cancellation));
        }

        var selection = ServiceTargets.Select(context, file);
        if (selection.Settings is null && image is null)
        {
            throw new UsageException("A flat deploy file has no repository to take a version from.", "Pass the image: fargo deploy config.toml IMAGE_URI.");
        }

        if (image is null && version is null)
        {
            version = await GitVersion.ResolveAsync(selection.ProjectDirectory, cancellation);
        }

        return await DeployAsync(context, selection, options with { Version = version, ImageUri = image }, version ?? image, null, cancellation);
    }

    private static async Task<int> DeployAsync(
        CommandContext context, ServiceSelection selection, DeployRequest request, string? shown, RolloutResults? results, CancellationToken cancellation)
    {
        using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
        var target = session.Target;
        var deployer = new Deployer(SystemClock.Instance);
        var plan = await Deployer.PlanAsync(target, request, cancellation);
        ServiceOptions.Confirm(context, selection.Environment, $"Deploying {plan.Image.Uri} changes", [.. plan.TaskDefinitionChanges, .. plan.ServiceChanges]);
        var title = $"Deploying {target.Spec.Service} ({shown}) to {selection.Environment.Describe()}";
        return await RolloutRunner.RunAsync(context, target, title, (progress, token) => deployer.DeployAsync(plan, request, progress, token), cancellation, results: results);
    }
}

using System.Globalization;
using Fargo.Aws.CloudFormation;
using Fargo.Cli.Commands.Service;
using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Deploy;
using Fargo.Deploy.Stacks;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Watching;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Toolkit;
using Fargo.Local.Home;
using Spectre.Console;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// The local environment's stacks on the local region's CloudFormation: synthesized by the same code as for AWS
/// (cached by content under FARGO_HOME/cache/synth) and deployed by Fargo's own stack deployer, since the CDK toolkit
/// needs the bootstrap bucket and roles that an AWS account gets from `cdk bootstrap` and the local region has not.
/// `fargo infra synth|diff|up|down --env local` and `fargo up`/`fargo down` go through here.
/// </summary>
internal static class LocalInfra
{
    public static SynthesisCache Cache(CliHost host) =>
        new(Path.Combine(FargoHome.FromEnvironment(host.GetEnvironmentVariable).Root, "cache", "synth"));

    /// <summary>
    /// The local environment's assembly of one service: the stacks of the whole app are synthesized together (a caller's
    /// stack names the called services' security groups), from the cache when fargo.toml (and Fargo) did not change.
    /// </summary>
    public static async Task<CachedSynthesis> SynthesizeAsync(InfraDependencies dependencies, CliHost host, LoadedConfig config, ServiceSettings settings, CancellationToken cancellationToken)
    {
        var app = AppOf(config, settings);
        var synthesis = await Cache(host).GetOrSynthesizeAppAsync(
            app,
            service => RepositoryPlacementOf(config, service),
            (directory, token) => dependencies.Synthesizer.SynthesizeAppAsync(app, service => RepositoryPlacementOf(config, service), directory, token),
            cancellationToken);
        return synthesis.Of(settings.Name);
    }

    /// <summary>
    /// The local region has one registry: "local" keeps its own repository, and its other environments (pipeline stages
    /// rehearsed here) share one as AWS environments of one account and region do, the first in the file creating it.
    /// </summary>
    private static RepositoryPlacement RepositoryPlacementOf(LoadedConfig config, ServiceSettings settings) =>
        config is ServiceConfig file && settings.Environment.Name != Fargo.Config.Schema.ConfigSchema.LocalEnvironment
            ? RepositoryPlacement.For(settings, [.. file.EnvironmentNames.Where(name => file.TargetOf(name).IsLocal).Select(name => file.ForEnvironment(name, settings.Name))])
            : RepositoryPlacement.Alone;

    /// <summary>Every service of the app in the environment of <paramref name="settings"/>, in deploy order (called services first).</summary>
    public static IReadOnlyList<ServiceSettings> AppOf(LoadedConfig config, ServiceSettings settings) =>
        config is ServiceConfig app ? app.ServicesInDeployOrder(settings.Environment.Name) : [settings];

    /// <summary>
    /// One service's stack on its own: the services it needs must be up already (its stack imports the security groups of
    /// the services it calls, and its database's owner's instance), so a missing one is refused before anything changes,
    /// naming the command that brings it up.
    /// </summary>
    public static async Task RequireCalledServicesAsync(DeployTarget target, ServiceSettings settings, CancellationToken cancellationToken)
    {
        foreach (var needed in settings.Needs.Distinct(StringComparer.Ordinal))
        {
            var stack = $"{StackNames.For(settings).Environment}-{needed}";
            if (!await StackExistsAsync(target, stack, cancellationToken))
            {
                throw new UsageException(
                    $"{settings.Name} {Relation(settings, needed)}, whose stack {stack} is not on the local region: a service's stack needs the stacks of the services it calls and of its database's owner.",
                    $"Bring it up first: fargo up --service {needed} (or fargo up: every service of the app, the ones needed first).");
            }
        }
    }

    /// <summary>
    /// One service's stack taken down on its own: no service that needs it may be left (their stacks import its security
    /// group or its database), so one still up is refused before anything changes.
    /// </summary>
    public static async Task RequireNoCallersAsync(DeployTarget target, LoadedConfig config, ServiceSettings settings, CancellationToken cancellationToken)
    {
        foreach (var user in AppOf(config, settings).Where(s => s.Needs.Contains(settings.Name, StringComparer.Ordinal)))
        {
            var stack = StackNames.For(user).Service;
            if (await StackExistsAsync(target, stack, cancellationToken))
            {
                throw new UsageException(
                    $"{user.Name} {Relation(user, settings.Name)} and its stack {stack} is still up: it needs {settings.Name}'s stack.",
                    $"Take it down first: fargo down --service {user.Name} (or fargo down: every service of the app, the ones that need others first).");
            }
        }
    }

    /// <summary>Why <paramref name="settings"/> needs <paramref name="other"/>: it calls it, or uses its database, or both.</summary>
    private static string Relation(ServiceSettings settings, string other)
    {
        var calls = settings.Calls.Any(c => c.Service == other);
        var database = settings.Database?.Owner == other;
        return (calls, database) switch
        {
            (true, true) => $"calls {other} and uses its database",
            (false, true) => $"uses the database of {other}",
            _ => $"calls {other}",
        };
    }

    private static async Task<bool> StackExistsAsync(DeployTarget target, string stackName, CancellationToken cancellationToken)
    {
        try
        {
            var found = await CloudFormationOf(target).DescribeStacksAsync(new DescribeStacksRequest { StackName = stackName }, cancellationToken);
            return found.Stacks?.Any(s => s.StackStatus != StackStatus.DeleteComplete) == true;
        }
        catch (Fargo.Aws.AwsServiceException e) when (e.Code == "ValidationError" && e.Message.Contains("does not exist", StringComparison.Ordinal))
        {
            return false;
        }
    }

    public static StackTemplates TemplatesOf(SynthesizedAssembly assembly) =>
        new(assembly.Stacks.Environment, assembly.EnvironmentTemplate, assembly.Stacks.Service, assembly.ServiceTemplate);

    public static StackDeployer Deployer(DeployTarget target) =>
        new(CloudFormationOf(target), SystemClock.Instance);

    public static ICloudFormationApi CloudFormationOf(DeployTarget target) =>
        target.Apis.CloudFormation ?? throw new InvalidOperationException("the local region's session has no CloudFormation client");

    /// <summary>
    /// The checks of a shared environment against the local region's stacks (<see cref="SharedEnvironmentCheck"/>): run
    /// before anything changes, their result is what <see cref="UpAsync"/> passes the stacks.
    /// </summary>
    public static async Task<StackInputs> CheckAsync(DeployTarget target, ServiceSettings settings, string configFile, CancellationToken cancellationToken) =>
        InputsOf(await SharedEnvironmentCheck.RunAsync(CloudFormationOf(target), settings, configFile, cancellationToken));

    public static StackInputs InputsOf(SharedEnvironmentInputs shared) => new(shared.EnvironmentParameters, shared.ServiceParameters);

    /// <summary>The service stack keeps the image the service runs (empty when none yet: the template's placeholder).</summary>
    private static StackInputs WithImage(StackInputs inputs, string? liveImage) =>
        inputs with { Service = new Dictionary<string, string>(inputs.Service) { [StackParameters.Image] = liveImage ?? "" } };

    /// <summary>Synthesizes (or takes from the cache) and deploys both stacks, keeping the live image; reports each step.</summary>
    public static async Task<(SynthesizedAssembly Assembly, string? LiveImage, EnvironmentStacksResult Stacks)> UpAsync(
        InfraDependencies dependencies, CliHost host, DeployTarget target, LoadedConfig config, ServiceSettings settings, StackInputs inputs, Action<string> say, CancellationToken cancellationToken)
    {
        await RequireCalledServicesAsync(target, settings, cancellationToken);
        var synthesis = await SynthesizeAsync(dependencies, host, config, settings, cancellationToken);
        say(synthesis.FromCache
            ? "Stacks unchanged since the last synthesis (fargo.toml and Fargo are the same): taken from the cache"
            : $"Synthesized {synthesis.Assembly.Stacks.Environment} and {synthesis.Assembly.Stacks.Service} in {synthesis.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        var liveImage = await LiveImage.ReadAsync(target.Apis.Ecs, settings.Names, cancellationToken);
        var stacks = await EnvironmentStacks.UpAsync(Deployer(target), TemplatesOf(synthesis.Assembly), WithImage(inputs, liveImage), new EventPrinter(say), cancellationToken);
        foreach (var result in new[] { stacks.Environment, stacks.Service })
        {
            say($"Stack {result.StackName}: {Describe(result.Outcome)}");
        }

        return (synthesis.Assembly, liveImage, stacks);
    }

    /// <summary>`fargo infra up --env local`: each service's stacks in turn, called services first (as `fargo up`).</summary>
    public static async Task<int> InfraUpAsync(InfraDependencies dependencies, CommandContext context, IReadOnlyList<ServiceSettings> app, CancellationToken cancellationToken)
    {
        var output = new ToolkitOutput(context);
        var (selection, local, session) = await ConnectAsync(context, app[0], cancellationToken);
        using (local)
        using (session)
        {
            var results = new List<InfraUpJson>();
            foreach (var settings in app)
            {
                var (assembly, liveImage, stacks) = await ServiceTargets.TranslateAsync(async () =>
                {
                    var inputs = await CheckAsync(session.Target, settings, selection.Config.SourcePath, cancellationToken);
                    return await UpAsync(dependencies, context.Host, session.Target, selection.Config, settings, inputs, output.Say, cancellationToken);
                });
                results.Add(InfraUpCommand.Describe(settings, assembly, liveImage, stacks.Service.Outputs));
            }

            InfraUpCommand.Write(context, results);
            return ExitCodes.Success;
        }
    }

    /// <summary>`fargo infra diff --env local`: the change sets' resource changes, then deleted; nothing else changes.</summary>
    public static async Task<int> InfraDiffAsync(InfraDependencies dependencies, CommandContext context, IReadOnlyList<ServiceSettings> app, CancellationToken cancellationToken)
    {
        var output = new ToolkitOutput(context);
        var (selection, local, session) = await ConnectAsync(context, app[0], cancellationToken);
        using (local)
        using (session)
        {
            var stackNames = new List<string>();
            SynthesizedAssembly? first = null;
            foreach (var settings in app)
            {
                var inputs = await ServiceTargets.TranslateAsync(() => CheckAsync(session.Target, settings, selection.Config.SourcePath, cancellationToken));
                var synthesis = await SynthesizeAsync(dependencies, context.Host, selection.Config, settings, cancellationToken);
                first ??= synthesis.Assembly;
                var liveImage = await LiveImage.ReadAsync(session.Target.Apis.Ecs, settings.Names, cancellationToken);
                var plans = await ServiceTargets.TranslateAsync(() => EnvironmentStacks.DiffAsync(Deployer(session.Target), TemplatesOf(synthesis.Assembly), WithImage(inputs, liveImage), cancellationToken));
                foreach (var plan in plans.Where(p => !stackNames.Contains(p.StackName)))
                {
                    stackNames.Add(plan.StackName);
                    output.Say(plan switch
                    {
                        { Creates: true } => $"Stack {plan.StackName}: to be created",
                        { Changes.Count: 0 } => $"Stack {plan.StackName}: no changes",
                        _ => $"Stack {plan.StackName}: {plan.Changes.Count} change(s)",
                    });
                    foreach (var change in plan.Changes)
                    {
                        var replacement = change.Replacement?.Value is "True" or "Conditional" ? $" (replacement: {change.Replacement})" : "";
                        output.Say($"  {change.Action,-7} {change.LogicalResourceId} {change.ResourceType}{replacement}");
                    }
                }
            }

            if (context.Json)
            {
                context.WriteJson(
                    new InfraDiffJson(app[0].Environment.Name, first!.Account, first.Region, first.Directory, stackNames, output.Lines),
                    InfraJsonContext.Default.InfraDiffJson);
            }

            return ExitCodes.Success;
        }
    }

    /// <summary>
    /// `fargo infra down --env local`: each service's stack, callers first (as `fargo down`), then the environment stack
    /// when no other service uses it.
    /// </summary>
    public static async Task<int> InfraDownAsync(InfraDependencies dependencies, CommandContext context, IReadOnlyList<ServiceSettings> app, CancellationToken cancellationToken)
    {
        var output = new ToolkitOutput(context);
        var (selection, local, session) = await ConnectAsync(context, app[0], cancellationToken);
        using (local)
        using (session)
        {
            var deleted = new List<string>();
            SynthesizedAssembly? last = null;
            foreach (var settings in app.Reverse())
            {
                await ServiceTargets.TranslateAsync(async () =>
                {
                    await RequireNoCallersAsync(session.Target, selection.Config, settings, cancellationToken);
                    return true;
                });
                var synthesis = await SynthesizeAsync(dependencies, context.Host, selection.Config, settings, cancellationToken);
                last = synthesis.Assembly;
                var results = await ServiceTargets.TranslateAsync(() => DownAsync(local, session.Target, settings, synthesis.Assembly, output.Say, cancellationToken));
                deleted.AddRange(results.Where(r => r.Outcome == StackOutcome.Deleted).Select(r => r.StackName));
            }

            if (context.Json)
            {
                context.WriteJson(
                    new InfraDownJson(app[0].Environment.Name, last!.Account, last.Region, deleted, []),
                    InfraJsonContext.Default.InfraDownJson);
            }
            else
            {
                context.Host.Out.MarkupLine($"[green]Deleted:[/] {Markup.Escape(string.Join(", ", deleted))}");
            }

            return ExitCodes.Success;
        }
    }

    /// <summary>
    /// Deletes the stacks. The repository goes with the service stack (the local environment's is its own and not kept),
    /// and ECR refuses to delete a repository that holds images: as `fargo infra down` does on AWS, its images go first.
    /// </summary>
    public static async Task<IReadOnlyList<StackResult>> DownAsync(
        LocalRegionAccessor local, DeployTarget target, ServiceSettings settings, SynthesizedAssembly assembly, Action<string> say, CancellationToken cancellationToken)
    {
        using (var session = InfraAwsSession.ForLocalRegion(TargetResolver.LocalOptions(await local.EnsureRunningAsync(cancellationToken))))
        using (var teardown = new AwsTeardown(session))
        {
            await teardown.DeleteAllImagesAsync(settings.Names.Repository, assembly.Region, cancellationToken);

            // The service's buckets, as on AWS (every version and delete marker), so that their deletion does not fail
            // on BucketNotEmpty. The environment's logging bucket is left alone: other services may still use it.
            var serviceOutputs = await teardown.GetStackOutputsAsync(assembly.Stacks.Service, assembly.Region, cancellationToken);
            foreach (var bucket in TeardownPlan.For(assembly, null, serviceOutputs).OfType<EmptyBucket>())
            {
                await teardown.EmptyBucketAsync(bucket.Name, assembly.Region, cancellationToken);
            }

            foreach (var emptied in teardown.Emptied.Where(e => e.Deleted > 0))
            {
                say(emptied.Kind == "bucket"
                    ? $"Emptied bucket {emptied.Name} ({emptied.Deleted} object versions and delete markers)"
                    : $"Deleted {emptied.Deleted} image(s) of repository {emptied.Name}");
            }
        }

        var results = await EnvironmentStacks.DownAsync(Deployer(target), CloudFormationOf(target), TemplatesOf(assembly), new EventPrinter(say), cancellationToken);
        foreach (var result in results)
        {
            say($"Stack {result.StackName}: {Describe(result.Outcome)}");
        }

        if (results.Count == 1)
        {
            say($"Stack {assembly.Stacks.Environment} stays: other services of the environment use it");
        }

        return results;
    }

    /// <summary>
    /// `fargo infra up --env E --oidc` for a [pipeline] stage on the local region: the deploy access stack (GitHub's OIDC
    /// provider, the deploy and read roles), synthesized as for AWS and deployed by Fargo's stack deployer, with the
    /// caller's credentials as the stage's other commands (`eval "$(fargo local env)"`: the local region's own).
    /// </summary>
    public static async Task<(SingleStackAssembly Assembly, IReadOnlyDictionary<string, string> Outputs)> DeployAccessUpAsync(
        InfraDependencies dependencies, CommandContext context, SingleStackTarget target, IReadOnlyDictionary<string, string> parameters, string root, CancellationToken cancellationToken)
    {
        var output = new ToolkitOutput(context);
        var (_, local, session) = await ConnectAsync(context, target.Settings, cancellationToken);
        using (local)
        using (session)
        {
            var assembly = await target.SynthesizeAsync(dependencies, output, root, cancellationToken);
            var template = await File.ReadAllTextAsync(assembly.Template, cancellationToken);
            var result = await ServiceTargets.TranslateAsync(() => Deployer(session.Target).DeployAsync(
                new StackDeployment(assembly.StackName, template, parameters, EnvironmentStacks.Capabilities), new EventPrinter(output.Say), cancellationToken));
            output.Say($"Stack {result.StackName}: {Describe(result.Outcome)}");
            return (assembly, result.Outputs);
        }
    }

    /// <summary>One session with the local region for the app's stacks (a service's settings name the account and region).</summary>
    private static async Task<(ServiceSelection Selection, LocalRegionAccessor Local, TargetSession Session)> ConnectAsync(
        CommandContext context, ServiceSettings settings, CancellationToken cancellationToken)
    {
        var config = context.LoadConfig();
        var pipeline = config is ServiceConfig service ? service.Pipeline : null;
        var selection = new ServiceSelection(
            ServiceSpec.FromSettings(settings),
            ServiceTargets.Translate(() => pipeline is null ? TargetEnvironment.Of(settings.Environment) : TargetEnvironment.Of(settings.Environment, pipeline)),
            config);
        var local = new LocalRegionAccessor(context.Host);
        try
        {
            return (selection, local, await ServiceTargets.ConnectAsync(context, selection, local, cancellationToken));
        }
        catch
        {
            local.Dispose();
            throw;
        }
    }

    private static string Describe(StackOutcome outcome) => outcome switch
    {
        StackOutcome.Created => "created",
        StackOutcome.Updated => "updated",
        StackOutcome.Unchanged => "no changes",
        StackOutcome.Deleted => "deleted",
        StackOutcome.Absent => "not there",
        _ => outcome.ToString(),
    };

    /// <summary>CloudFormation's events as progress lines: resource, type, status and reason, as the console shows them.</summary>
    private sealed class EventPrinter(Action<string> say) : IProgress<StackEvent>
    {
        public void Report(StackEvent value) =>
            say($"  {value.Timestamp.ToLocalTime():HH:mm:ss} {value.StackName} {value.LogicalResourceId} {value.ResourceType} {value.ResourceStatus}" +
                (string.IsNullOrWhiteSpace(value.ResourceStatusReason) ? "" : $": {value.ResourceStatusReason}"));
    }
}

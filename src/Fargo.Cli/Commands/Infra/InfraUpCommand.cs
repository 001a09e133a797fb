using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Config.Model;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Toolkit;
using Spectre.Console;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// `fargo infra up --env E`: creates or updates the environment's stacks through the CDK toolkit. The service keeps
/// the image it runs (read from ECS first), so an infrastructure change never rolls a deploy back.
/// </summary>
internal sealed class InfraUpCommand(InfraDependencies dependencies)
{
    private readonly Option<string?> _out = InfraCommand.OutOption();

    private readonly Option<bool> _bootstrap = new("--bootstrap")
    {
        Description = "First prepare the account and region for the CDK (`cdk bootstrap`: a staging bucket and deploy roles). Needed once per account and region.",
    };

    private readonly Option<string?> _publicSubnets = new("--public-subnets")
    {
        Description = "With network.vpc_id (an existing VPC): its two public subnets, one per availability zone, comma-separated. Needed on the first up; later ones keep them.",
        HelpName = "id,id",
    };

    private readonly Option<string?> _privateSubnets = new("--private-subnets")
    {
        Description = "With network.vpc_id: its two private subnets, one per availability zone, comma-separated. Needed on the first up; later ones keep them.",
        HelpName = "id,id",
    };

    private readonly Option<string?> _vpcCidr = new("--vpc-cidr")
    {
        Description = "With network.vpc_id and an internal load balancer (network.public = false): the VPC's CIDR block. Needed on the first up.",
        HelpName = "cidr",
    };

    private readonly SingleStackOptions _stacks = new();

    private readonly Option<bool> _existingOidcProvider = new("--existing-oidc-provider")
    {
        Description = "With --oidc: the account has GitHub's OIDC provider already (another service's or environment's deploy access, or made by hand); " +
            "use it instead of creating one. Later runs keep the choice.",
    };

    public Command Create(CommandServices services)
    {
        var command = new Command(
            "up",
            "Create or update the environment's stacks (--env) in its AWS account through the CDK toolkit, streaming " +
            "CloudFormation's events. The service keeps the image it runs now. Environments with requires_approval show " +
            "the changes and ask first, unless --yes. --oidc: the environment's CI/CD access instead; --pipeline: the CodePipeline.")
        {
            _out, _bootstrap, _publicSubnets, _privateSubnets, _vpcCidr, _existingOidcProvider,
        };
        _stacks.AddTo(command);

        services.SetAction(command, RunAsync);
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, CancellationToken cancellation)
    {
        var config = InfraCommand.LoadServiceConfig(context);
        var single = await _stacks.SelectAsync(context, config, "up", cancellation);
        if (single is null && context.ParseResult.GetValue(_existingOidcProvider))
        {
            throw new UsageException("--existing-oidc-provider is a choice of the deploy access stack; it goes with --oidc.");
        }

        if (single is not null)
        {
            return await UpSingleAsync(context, config, single, cancellation);
        }

        // The service of --service, else every service of the app: their stacks in one toolkit run, which orders them.
        var app = InfraCommand.SelectApp(config, context.Settings.Env, context.Settings.Service, "up");
        var settings = app[0];
        if (settings.Environment.IsLocal)
        {
            return await LocalInfra.InfraUpAsync(dependencies, context, app, cancellation);
        }

        var root = InfraCommand.OutputRoot(context, config, context.ParseResult.GetValue(_out));
        var askFirst = settings.Environment.RequiresApproval && !context.Settings.Yes;
        if (askFirst && !dependencies.Prompt.CanAsk)
        {
            throw new UsageException(
                $"Environment '{settings.Environment.Name}' requires approval, and there is no terminal to ask on. Nothing was changed.",
                "Run `fargo infra diff` to review the changes, then pass --yes.");
        }

        var output = new ToolkitOutput(context);
        using var aws = await InfraAwsSession.OpenAsync(dependencies.AwsOptions, context.Settings.Profile, settings, cancellation);
        // Before anything changes (or is synthesized): the file must agree with the environment its services share.
        var shared = await SharedEnvironmentCheck.RunAppAsync(new Fargo.Deploy.Stacks.CloudFormationApi(aws.CloudFormation), app, config.SourcePath, cancellation);
        var assemblies = await InfraCommand.SynthesizeAppAsync(dependencies, output, config, app, root, cancellation);
        var deployments = new List<ServiceDeployment>();
        for (var i = 0; i < app.Count; i++)
        {
            // The environment's inputs once (the first service's stack passes them); each service keeps its live image.
            var inputs = i == 0
                ? await ReadInputsAsync(context, aws, app[i], assemblies[i], output, cancellation)
                : new DeployInputs(await ReadLiveImageAsync(aws, app[i], output, cancellation));
            deployments.Add(new ServiceDeployment(assemblies[i], inputs with { Shared = shared[i] }));
        }

        var toolkit = InfraCommand.Toolkit(dependencies, context);

        if (askFirst)
        {
            await output.RunAsync("cdk diff", report => toolkit.DiffAsync(assemblies, report, cancellation));
            var answer = await dependencies.Prompt.AskAsync(
                context.Host,
                $"Apply these changes to {settings.Environment.Name} (account {assemblies[0].Account}, {assemblies[0].Region})? [y/N]",
                cancellation);
            if (answer?.Trim().ToUpperInvariant() is not ("Y" or "YES"))
            {
                throw new OperationFailedException("Not approved; nothing was changed.");
            }
        }

        if (context.ParseResult.GetValue(_bootstrap))
        {
            await output.RunAsync("cdk bootstrap", report => toolkit.BootstrapAsync(assemblies[0], report, cancellation));
        }

        var outputs = await output.RunAsync("cdk deploy", report => toolkit.DeployAsync(deployments, ApprovalLevel.Never, report, cancellation));
        Write(context, [.. app.Select((service, i) => Describe(service, deployments[i].Assembly, deployments[i].Inputs.LiveImage, outputs[i]))]);
        return ExitCodes.Success;
    }

    /// <summary>`up --oidc` or `up --pipeline`: one stack, no live image; the deploy access takes the OIDC provider choice.</summary>
    private async Task<int> UpSingleAsync(CommandContext context, Fargo.Config.ServiceConfig config, SingleStackTarget target, CancellationToken cancellation)
    {
        if (target.Kind == SingleStackKind.Pipeline && context.ParseResult.GetValue(_existingOidcProvider))
        {
            throw new UsageException("--existing-oidc-provider is a choice of the deploy access stack; it goes with --oidc.");
        }

        if (context.ParseResult.GetValue(_publicSubnets) is not null || context.ParseResult.GetValue(_privateSubnets) is not null || context.ParseResult.GetValue(_vpcCidr) is not null)
        {
            throw new UsageException("--public-subnets, --private-subnets and --vpc-cidr are for an environment's own stacks, not with --oidc or --pipeline.");
        }

        var environment = target.Settings.Environment;
        var root = InfraCommand.OutputRoot(context, config, context.ParseResult.GetValue(_out));
        // Not given: the stack keeps what it has (on the first deploy, the default: create the provider).
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        if (context.ParseResult.GetValue(_existingOidcProvider))
        {
            parameters[StackParameters.CreateOidcProvider] = "false";
        }

        if (environment.IsLocal && target.Kind == SingleStackKind.DeployAccess)
        {
            // A stage on the local region: its CloudFormation, as `fargo infra up --env local` (no CDK toolkit, no approval).
            if (context.ParseResult.GetValue(_bootstrap))
            {
                throw new UsageException("--bootstrap prepares an AWS account for the CDK toolkit; the local region needs none.");
            }

            var (localAssembly, localOutputs) = await LocalInfra.DeployAccessUpAsync(dependencies, context, target, parameters, root, cancellation);
            return WriteSingle(context, target, localAssembly, localOutputs);
        }

        var askFirst = environment.RequiresApproval && !context.Settings.Yes;
        if (askFirst && !dependencies.Prompt.CanAsk)
        {
            throw new UsageException(
                $"Environment '{environment.Name}' requires approval, and there is no terminal to ask on. Nothing was changed.",
                "Run `fargo infra diff` with the same options to review the changes, then pass --yes.");
        }

        var output = new ToolkitOutput(context);
        using var aws = await InfraAwsSession.OpenAsync(dependencies.AwsOptions, context.Settings.Profile, target.Settings, cancellation);
        var assembly = await target.SynthesizeAsync(dependencies, output, root, cancellation);
        var toolkit = InfraCommand.Toolkit(dependencies, context);
        if (askFirst)
        {
            await output.RunAsync("cdk diff", report => toolkit.DiffAsync(assembly, report, cancellation));
            var answer = await dependencies.Prompt.AskAsync(
                context.Host, $"Apply these changes to {target.Name} (account {assembly.Account}, {assembly.Region})? [y/N]", cancellation);
            if (answer?.Trim().ToUpperInvariant() is not ("Y" or "YES"))
            {
                throw new OperationFailedException("Not approved; nothing was changed.");
            }
        }

        if (context.ParseResult.GetValue(_bootstrap))
        {
            await output.RunAsync("cdk bootstrap", report => toolkit.BootstrapAsync(assembly, report, cancellation));
        }

        var outputs = await output.RunAsync("cdk deploy", report => toolkit.DeployAsync(assembly, parameters, ApprovalLevel.Never, report, cancellation));
        return WriteSingle(context, target, assembly, outputs);
    }

    /// <summary>What `up --oidc` / `up --pipeline` says of its stack (and its --output json object).</summary>
    private static int WriteSingle(CommandContext context, SingleStackTarget target, SingleStackAssembly assembly, IReadOnlyDictionary<string, string> outputs)
    {
        if (context.Json)
        {
            context.WriteJson(
                new InfraUpJson(target.Name, assembly.Account, assembly.Region, assembly.Directory, [assembly.StackName], null, outputs),
                InfraJsonContext.Default.InfraUpJson);
            return ExitCodes.Success;
        }

        var console = context.Host.Out;
        console.MarkupLine($"[green]Up to date:[/] {Markup.Escape(target.Name)} (account {Markup.Escape(assembly.Account)}, {Markup.Escape(assembly.Region)}): {Markup.Escape(assembly.StackName)}");
        foreach (var (key, value) in outputs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            console.MarkupLine($"  {Markup.Escape(key)}  {Markup.Escape(value)}");
        }

        return ExitCodes.Success;
    }

    /// <summary>What the stacks take as parameters: the live image, and what synthesis could not look up offline.</summary>
    private async Task<DeployInputs> ReadInputsAsync(
        CommandContext context, InfraAwsSession aws, ServiceSettings settings, SynthesizedAssembly assembly, ToolkitOutput output, CancellationToken cancellation)
    {
        var liveImage = await ReadLiveImageAsync(aws, settings, output, cancellation);

        string? hostedZoneId = null;
        if (assembly.HostedZoneToLookUp is { } zone)
        {
            hostedZoneId = await HostedZoneLookup.FindPublicZoneIdAsync(aws.Options, zone, cancellation);
            output.Say($"Hosted zone {zone}: {hostedZoneId}");
        }

        var publicSubnets = Subnets(context.ParseResult.GetValue(_publicSubnets));
        var privateSubnets = Subnets(context.ParseResult.GetValue(_privateSubnets));
        var cidr = context.ParseResult.GetValue(_vpcCidr) is { } given && !string.IsNullOrWhiteSpace(given) ? given.Trim() : null;
        if (assembly.ExistingVpcId is null && (publicSubnets is not null || privateSubnets is not null || cidr is not null))
        {
            throw new UsageException(
                $"--public-subnets, --private-subnets and --vpc-cidr are for an existing VPC, and environment '{settings.Environment.Name}' creates its own.",
                "Set network.vpc_id in fargo.toml to use an existing VPC.");
        }

        if ((publicSubnets is null) != (privateSubnets is null))
        {
            throw new UsageException("Give both --public-subnets and --private-subnets, or neither (later runs keep the ones given first).");
        }

        if (cidr is not null && !assembly.NeedsVpcCidr)
        {
            throw new UsageException("--vpc-cidr is for an internal load balancer (network.public = false) in an existing VPC; this environment's is public.");
        }

        if (assembly.ExistingVpcId is { } vpc && (publicSubnets is null || (assembly.NeedsVpcCidr && cidr is null))
            && await aws.DescribeStackAsync(assembly.Stacks.Environment, cancellation) is null)
        {
            // Later runs keep the values CloudFormation has; the first one has none to keep.
            throw new UsageException(
                $"Stack {assembly.Stacks.Environment} does not exist yet, and its existing VPC {vpc} needs its subnets" +
                (assembly.NeedsVpcCidr ? " and CIDR block" : "") + " on the first `fargo infra up`. Nothing was changed.",
                "Pass --public-subnets ID,ID --private-subnets ID,ID (one of each per availability zone)" +
                (assembly.NeedsVpcCidr ? " --vpc-cidr CIDR" : "") + $"; `aws ec2 describe-subnets --filters Name=vpc-id,Values={vpc}` lists them.");
        }

        return new DeployInputs(
            liveImage,
            hostedZoneId,
            publicSubnets is null ? null : new ExistingVpcSubnets(publicSubnets, privateSubnets!),
            cidr);
    }

    /// <summary>The image the service runs now, which its stack keeps.</summary>
    private static async Task<string?> ReadLiveImageAsync(InfraAwsSession aws, ServiceSettings settings, ToolkitOutput output, CancellationToken cancellation)
    {
        var liveImage = await LiveImage.ReadAsync(aws.Ecs, settings.Names, cancellation);
        output.Say(liveImage is null
            ? $"Service {settings.Names.Service} runs no deployed image yet: it is created or kept with no tasks until `fargo deploy` starts it."
            : $"Keeping the live image of {settings.Names.Service}: {liveImage}");
        return liveImage;
    }

    private static string[]? Subnets(string? option) =>
        string.IsNullOrWhiteSpace(option) ? null : option.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>What `infra up` says of one service's stacks (and its --output json object).</summary>
    internal static InfraUpJson Describe(ServiceSettings settings, SynthesizedAssembly assembly, string? liveImage, IReadOnlyDictionary<string, string> outputs) =>
        new(settings.Environment.Name, assembly.Account, assembly.Region, assembly.Directory, InfraCommand.StackNamesOf(assembly), liveImage, outputs, settings.Name);

    /// <summary>
    /// Each service's stacks, up to date: with --output json one object for one service, an array for several (in deploy
    /// order, as `fargo status`); else a section each.
    /// </summary>
    internal static void Write(CommandContext context, IReadOnlyList<InfraUpJson> services)
    {
        if (context.Json)
        {
            if (services.Count == 1)
            {
                context.WriteJson(services[0], InfraJsonContext.Default.InfraUpJson);
            }
            else
            {
                context.WriteJson(services, InfraJsonContext.Default.IReadOnlyListInfraUpJson);
            }

            return;
        }

        var console = context.Host.Out;
        foreach (var service in services)
        {
            console.MarkupLine(
                $"[green]Up to date:[/] {Markup.Escape(service.Environment)} (account {Markup.Escape(service.Account)}, {Markup.Escape(service.Region)}): " +
                $"{Markup.Escape(string.Join(", ", service.Stacks))}");
            if (service.Outputs.Count > 0)
            {
                var width = service.Outputs.Keys.Max(k => k.Length);
                foreach (var (key, value) in service.Outputs.OrderBy(pair => pair.Key, StringComparer.Ordinal))
                {
                    console.MarkupLine($"  {Markup.Escape(key.PadRight(width))}  {Markup.Escape(value)}");
                }
            }

            if (service.LiveImage is null)
            {
                console.MarkupLine(
                    $"[grey]{Markup.Escape(service.Stacks[^1])} has no tasks until the first deploy: `fargo deploy --env {Markup.Escape(service.Environment)} --version V`.[/]");
            }
        }
    }
}

using System.CommandLine;
using System.Text.Json;
using Fargo.Cli.Errors;
using Fargo.Cli.Rendering;
using Fargo.Config.Model;
using Fargo.Infrastructure;
using Spectre.Console;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// `fargo infra synth [--env E] [--out DIR]`: the cloud assembly of one AWS environment, or of each, offline and
/// without credentials. Deterministic: the same fargo.toml gives byte-identical templates.
/// </summary>
internal sealed class InfraSynthCommand(InfraDependencies dependencies)
{
    private readonly SingleStackOptions _stacks = new();

    public Command Create(CommandServices services)
    {
        var output = InfraCommand.OutOption();
        var command = new Command(
            "synth",
            "Write the CloudFormation templates of an AWS environment (--env), or of every AWS environment, as a CDK cloud " +
            "assembly in OUT/ENV: offline, no credentials needed, the same input giving byte-identical files. Deploy them with " +
            "`fargo infra up`, or read and deploy them with the AWS CLI. --env E --oidc: E's CI/CD access instead; --pipeline: the CodePipeline.")
        {
            output,
        };
        _stacks.AddTo(command);

        services.SetAction(command, (context, cancellation) => RunAsync(context, context.ParseResult.GetValue(output), cancellation));
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, string? outOption, CancellationToken cancellation)
    {
        var config = InfraCommand.LoadServiceConfig(context);
        if (await _stacks.SelectAsync(context, config, "synth", cancellation) is { } single)
        {
            return await SynthesizeSingleAsync(context, config, single, outOption, cancellation);
        }

        // Every environment is checked before anything is written: a typo in --env costs no synthesis.
        // Each environment's services: the one of --service, else every service of the app.
        IReadOnlyList<IReadOnlyList<ServiceSettings>> environments = context.Settings.Env is { } name
            ? [InfraCommand.SelectApp(config, name, context.Settings.Service, "synth")]
            : [.. InfraCommand.AwsEnvironments(config).Select(n => InfraCommand.SelectApp(config, n, context.Settings.Service, "synth"))];
        if (environments.Count == 0)
        {
            throw new UsageException(
                $"{config.SourcePath} has only the local environment, which runs on this machine and has no AWS infrastructure.",
                "Add an AWS environment under [environments.NAME] with account and region, then synthesize it.");
        }

        var root = InfraCommand.OutputRoot(context, config, outOption);
        var progress = new ToolkitOutput(context);
        var assemblies = new List<InfraAssemblyJson>();
        foreach (var services in environments)
        {
            var app = await InfraCommand.SynthesizeAppAsync(dependencies, progress, config, services, root, cancellation);
            assemblies.Add(Describe(services[0], app));
        }

        var result = new InfraSynthJson(root, assemblies);
        if (context.Json)
        {
            context.WriteJson(result, InfraJsonContext.Default.InfraSynthJson);
        }
        else
        {
            Write(context, result);
        }

        return ExitCodes.Success;
    }

    private async Task<int> SynthesizeSingleAsync(CommandContext context, Fargo.Config.ServiceConfig config, SingleStackTarget target, string? outOption, CancellationToken cancellation)
    {
        var root = InfraCommand.OutputRoot(context, config, outOption);
        var assembly = await target.SynthesizeAsync(dependencies, new ToolkitOutput(context), root, cancellation);
        var result = new InfraSynthJson(root,
        [
            new InfraAssemblyJson(target.Name, assembly.Account, assembly.Region, assembly.Directory, [new InfraStackJson(assembly.StackName, assembly.Template, CountResources(assembly.Template))]),
        ]);
        if (context.Json)
        {
            context.WriteJson(result, InfraJsonContext.Default.InfraSynthJson);
            return ExitCodes.Success;
        }

        Write(context, result, target.Kind == SingleStackKind.Pipeline ? "fargo infra up --pipeline" : $"fargo infra up --env {target.Settings.Environment.Name} --oidc");
        return ExitCodes.Success;
    }

    /// <summary>An environment's assembly: its own stack, then each service's.</summary>
    private static InfraAssemblyJson Describe(ServiceSettings settings, IReadOnlyList<SynthesizedAssembly> app) => new(
        settings.Environment.Name,
        app[0].Account,
        app[0].Region,
        app[0].Directory,
        [
            new InfraStackJson(app[0].Stacks.Environment, app[0].EnvironmentTemplate, CountResources(app[0].EnvironmentTemplate)),
            .. app.Select(assembly => new InfraStackJson(assembly.Stacks.Service, assembly.ServiceTemplate, CountResources(assembly.ServiceTemplate))),
        ]);

    private static int CountResources(string template)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(template));
        return document.RootElement.TryGetProperty("Resources", out var resources) ? resources.EnumerateObject().Count() : 0;
    }

    private static void Write(CommandContext context, InfraSynthJson result, string? deployCommand = null)
    {
        var console = context.Host.Out;
        var cwd = context.Host.WorkingDirectory;
        foreach (var environment in result.Environments)
        {
            console.MarkupLine(
                $"[green]Synthesized[/] [bold]{Markup.Escape(environment.Name)}[/] (account {Markup.Escape(environment.Account)}, " +
                $"{Markup.Escape(environment.Region)}) into {Markup.Escape(ProblemsText.DisplayPath(environment.Assembly, cwd))}");
            var width = environment.Stacks.Max(s => s.Name.Length);
            foreach (var stack in environment.Stacks)
            {
                console.MarkupLine(
                    $"  {Markup.Escape(stack.Name.PadRight(width))}  {Markup.Escape(ProblemsText.DisplayPath(stack.Template, cwd))}  [grey]({stack.Resources} resources)[/]");
            }
        }

        var first = result.Environments[0];
        if (deployCommand is not null)
        {
            console.MarkupLine($"[grey]Deploy with `{Markup.Escape(deployCommand)}`. The template is plain CloudFormation: the AWS CLI deploys it too.[/]");
            return;
        }

        console.MarkupLine(
            $"[grey]Deploy with `fargo infra up --env {Markup.Escape(first.Name)}`. The templates are plain CloudFormation: " +
            "the AWS CLI deploys them too (aws cloudformation deploy, the environment stack first).[/]");
    }
}

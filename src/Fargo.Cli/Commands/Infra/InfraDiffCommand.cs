using System.CommandLine;

namespace Fargo.Cli.Commands.Infra;

/// <summary>`fargo infra diff --env E`: what `infra up` would change in the environment's two stacks.</summary>
internal sealed class InfraDiffCommand(InfraDependencies dependencies)
{
    private readonly SingleStackOptions _stacks = new();

    public Command Create(CommandServices services)
    {
        var output = InfraCommand.OutOption();
        var command = new Command(
            "diff",
            "Compare the environment's stacks (--env) with what is deployed in its AWS account, through the CDK toolkit. " +
            "Changes nothing. --oidc: the environment's CI/CD access instead; --pipeline: the CodePipeline.")
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
        if (await _stacks.SelectAsync(context, config, "diff", cancellation) is { } single)
        {
            return await DiffSingleAsync(context, config, single, outOption, cancellation);
        }

        // The service of --service, else every service of the app.
        var app = InfraCommand.SelectApp(config, context.Settings.Env, context.Settings.Service, "diff");
        var settings = app[0];
        if (settings.Environment.IsLocal)
        {
            return await LocalInfra.InfraDiffAsync(dependencies, context, app, cancellation);
        }

        var root = InfraCommand.OutputRoot(context, config, outOption);
        var output = new ToolkitOutput(context);

        // The credentials are checked before the slow synthesis: the wrong account is refused at once.
        using var aws = await InfraAwsSession.OpenAsync(dependencies.AwsOptions, context.Settings.Profile, settings, cancellation);
        var assemblies = await InfraCommand.SynthesizeAppAsync(dependencies, output, config, app, root, cancellation);
        var toolkit = InfraCommand.Toolkit(dependencies, context);
        await output.RunAsync("cdk diff", report => toolkit.DiffAsync(assemblies, report, cancellation));

        if (context.Json)
        {
            var assembly = assemblies[0];
            context.WriteJson(
                new InfraDiffJson(settings.Environment.Name, assembly.Account, assembly.Region, assembly.Directory, [assembly.Stacks.Environment, .. assemblies.Select(a => a.Stacks.Service)], output.Lines),
                InfraJsonContext.Default.InfraDiffJson);
        }

        return ExitCodes.Success;
    }

    private async Task<int> DiffSingleAsync(CommandContext context, Fargo.Config.ServiceConfig config, SingleStackTarget target, string? outOption, CancellationToken cancellation)
    {
        var root = InfraCommand.OutputRoot(context, config, outOption);
        var output = new ToolkitOutput(context);
        using var aws = await InfraAwsSession.OpenAsync(dependencies.AwsOptions, context.Settings.Profile, target.Settings, cancellation);
        var assembly = await target.SynthesizeAsync(dependencies, output, root, cancellation);
        var toolkit = InfraCommand.Toolkit(dependencies, context);
        await output.RunAsync("cdk diff", report => toolkit.DiffAsync(assembly, report, cancellation));
        if (context.Json)
        {
            context.WriteJson(
                new InfraDiffJson(target.Name, assembly.Account, assembly.Region, assembly.Directory, [assembly.StackName], output.Lines),
                InfraJsonContext.Default.InfraDiffJson);
        }

        return ExitCodes.Success;
    }
}

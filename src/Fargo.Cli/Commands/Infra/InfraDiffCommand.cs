using System.CommandLine;

namespace Fargo.Cli.Commands.Infra;

/// <summary>`fargo infra diff --env E`: what `infra up` would change in the environment's two stacks.</summary>
internal sealed class InfraDiffCommand(InfraDependencies dependencies)
{
    public Command Create(CommandServices services)
    {
        var output = InfraCommand.OutOption();
        var command = new Command(
            "diff",
            "Compare the environment's stacks (--env) with what is deployed in its AWS account, through the CDK toolkit. " +
            "Changes nothing.")
        {
            output,
        };
        services.SetAction(command, (context, cancellation) => RunAsync(context, context.ParseResult.GetValue(output), cancellation));
        return command;
    }

    private async Task<int> RunAsync(CommandContext context, string? outOption, CancellationToken cancellation)
    {
        var config = InfraCommand.LoadServiceConfig(context);
        var settings = InfraCommand.SelectAwsEnvironment(config, context.Settings.Env, "diff");
        var root = InfraCommand.OutputRoot(context, config, outOption);
        var output = new ToolkitOutput(context);

        // The credentials are checked before the slow synthesis: the wrong account is refused at once.
        using var aws = await InfraAwsSession.OpenAsync(dependencies.AwsOptions, context.Settings.Profile, settings, cancellation);
        var assembly = await InfraCommand.SynthesizeAsync(dependencies, output, settings, root, cancellation);
        var toolkit = InfraCommand.Toolkit(dependencies, context);
        await output.RunAsync("cdk diff", report => toolkit.DiffAsync(assembly, report, cancellation));

        if (context.Json)
        {
            context.WriteJson(
                new InfraDiffJson(settings.Environment.Name, assembly.Account, assembly.Region, assembly.Directory, InfraCommand.StackNamesOf(assembly), output.Lines),
                InfraJsonContext.Default.InfraDiffJson);
        }

        return ExitCodes.Success;
    }
}

using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Cli.Rendering;
using Fargo.Config;

namespace Fargo.Cli.Commands;

/// <summary>`fargo validate`: checks the configuration file for every environment.</summary>
internal sealed class ValidateCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var command = new Command(
            "validate",
            "Check the configuration file for every environment: unknown keys, wrong types, missing values and " +
            "impossible combinations. Lists every problem as file:line:column: key: message; exit code 2 when there " +
            "is any. With --output json the report (valid or not) is printed on stdout.");
        services.SetAction(command, Run);
        return command;
    }

    private static int Run(CommandContext context)
    {
        var path = context.ConfigFile();
        LoadedConfig config;
        try
        {
            config = new ConfigLoader().Load(path);
        }
        catch (ConfigException invalid) when (context.Json)
        {
            // For validate the problems are the result itself, so they go to stdout with the report.
            var report = ExceptionMapper.Map(invalid, CancellationToken.None);
            var problems = report.Problems?.Select(ErrorRenderer.ToJson).ToList() ?? [];
            context.WriteJson(new ValidationJson(path, false, null, [], problems), CliJsonContext.Default.ValidationJson);
            return ExitCodes.Usage;
        }

        var checks = config switch
        {
            ServiceConfig service => service.EnvironmentNames
                .Select(service.TargetOf)
                .Select(e => new EnvironmentCheckJson(e.Name, e.IsLocal, e.Account, e.Region, e.RequiresApproval))
                .ToList(),
            _ => [],
        };
        var format = config is FlatConfig ? "flat" : "full";

        if (context.Json)
        {
            context.WriteJson(new ValidationJson(path, true, format, checks, []), CliJsonContext.Default.ValidationJson);
            return ExitCodes.Success;
        }

        ValidationText.Write(context.Host, path, config, checks);
        return ExitCodes.Success;
    }
}

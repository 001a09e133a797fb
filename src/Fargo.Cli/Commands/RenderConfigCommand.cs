using System.CommandLine;
using Fargo.Cli.Configuration;
using Fargo.Config;
using Fargo.Config.Json;

namespace Fargo.Cli.Commands;

/// <summary>`fargo render config [--env E]`: the effective configuration of an environment as JSON.</summary>
internal static class RenderConfigCommand
{
    public static Command Create(CommandServices services)
    {
        var command = new Command(
            "config",
            "Print the effective configuration of an environment (--env, default local) as JSON: the environment's " +
            "overrides merged over the file's tables and every default filled in, exactly what the other commands use.");
        services.SetAction(command, Run);
        return command;
    }

    private static int Run(CommandContext context)
    {
        var json = context.LoadConfig() switch
        {
            ServiceConfig service => ServiceSettingsJson.Serialize(Environments.Select(service, context.Settings.Env, context.Settings.Service)),
            FlatConfig flat => FlatJson(flat, context.Settings.Env),
            var other => throw new InvalidOperationException($"Unknown configuration kind {other.GetType().Name}."),
        };
        var writer = context.Host.OutWriter;
        writer.Write(json);
        writer.Write('\n');
        writer.Flush();
        return ExitCodes.Success;
    }

    private static string FlatJson(FlatConfig flat, string? environment)
    {
        Environments.RejectFor(flat, environment);
        return ServiceSettingsJson.Serialize(flat.Settings);
    }
}

using System.CommandLine;
using Fargo.Cli.Errors;
using Fargo.Deploy.Operations;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>`fargo secret set|list|rm NAME`: SecureString parameters under the service's secrets path.</summary>
internal sealed class SecretCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new Command(
            "secret",
            "The service's secrets: SecureString parameters under its secrets path in SSM Parameter Store (/<name> unless " +
            "secrets_path says otherwise). The next deploy hands each to the task as the environment variable of its name. " +
            "Values never appear on the command line or in any output.")
        {
            Set(services),
            List(services),
            Remove(services),
        };
    }

    private static Command Set(CommandServices services)
    {
        var name = new Argument<string>("name") { Description = "The secret's name, which is also the environment variable's, e.g. API_KEY." };
        var command = new Command(
            "set",
            "Store a secret. The value comes from standard input (echo -n … | fargo secret set NAME, or < file) or, on a " +
            "terminal, from a prompt that does not echo it. It takes effect with the next deploy (or `fargo redeploy`).")
        {
            name,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var secretName = context.ParseResult.GetValue(name)!;
            var selection = ServiceTargets.Select(context);
            var parameter = Secrets.ParameterName(selection.Spec, secretName);
            var value = ReadValue(context, secretName);
            ServiceOptions.Confirm(context, selection.Environment, $"Setting {parameter}", [new Fargo.Deploy.TaskDefinitions.JsonChange(parameter, null, "(hidden)")]);
            using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
            var version = await Secrets.SetAsync(session.Target, secretName, value, cancellation);
            var console = context.Json ? context.Host.Error : context.Host.Out;
            console.MarkupLine($"[green]✔[/] {Markup.Escape(parameter)} stored (SecureString, version {version}). The next deploy gives the task {Markup.Escape(secretName)}; `fargo redeploy` applies it now.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command List(CommandServices services)
    {
        var command = new Command("list", "List the secrets under the secrets path: names, types, versions, when they changed. Never values.");
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var selection = ServiceTargets.Select(context);
            using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
            var entries = await Secrets.ListAsync(session.Target, cancellation);
            if (context.Json)
            {
                context.WriteJson(
                    new SecretListJson(selection.Environment.Name, selection.Spec.SecretsPath, [.. entries.Select(e => new SecretJson(e.Name, e.Parameter, e.Type, e.Version, e.LastModified))]),
                    ServiceJsonContext.Default.SecretListJson);
                return ExitCodes.Success;
            }

            var console = context.Host.Out;
            if (entries.Count == 0)
            {
                console.MarkupLine($"No secrets under {Markup.Escape(selection.Spec.SecretsPath)} on {Markup.Escape(selection.Environment.Describe())}.");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Simple).AddColumns("name", "parameter", "type", "version", "changed");
            foreach (var e in entries)
            {
                table.AddRow(Markup.Escape(e.Name), Markup.Escape(e.Parameter), Markup.Escape(e.Type), e.Version?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "",
                    e.LastModified?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) ?? "");
            }

            console.Write(table);
            return ExitCodes.Success;
        }));
        return command;
    }

    private static Command Remove(CommandServices services)
    {
        var name = new Argument<string>("name") { Description = "The secret to delete." };
        var command = new Command("rm", "Delete a secret. Running tasks keep the value they started with; the next deploy no longer gets it.") { name };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var secretName = context.ParseResult.GetValue(name)!;
            var selection = ServiceTargets.Select(context);
            var parameter = Secrets.ParameterName(selection.Spec, secretName);
            ServiceOptions.Confirm(context, selection.Environment, $"Deleting {parameter}", [new Fargo.Deploy.TaskDefinitions.JsonChange(parameter, "(hidden)", null)]);
            using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
            await Secrets.RemoveAsync(session.Target, secretName, cancellation);
            (context.Json ? context.Host.Error : context.Host.Out).MarkupLine($"[green]✔[/] {Markup.Escape(parameter)} deleted.");
            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>The value: standard input when it is redirected (one trailing newline dropped), else a hidden prompt.</summary>
    private static string ReadValue(CommandContext context, string name)
    {
        if (context.Host.RedirectedInput is { } input)
        {
            var text = input.ReadToEnd();
            if (text.EndsWith("\r\n", StringComparison.Ordinal))
            {
                text = text[..^2];
            }
            else if (text.EndsWith('\n'))
            {
                text = text[..^1];
            }

            return text.Length > 0 ? text : throw new UsageException("Standard input was empty: there is no value to store.");
        }

        if (!context.Host.Out.Profile.Capabilities.Interactive)
        {
            throw new UsageException("No value: pipe it on standard input, e.g. `printf %s \"$VALUE\" | fargo secret set " + name + "`.");
        }

        return context.Host.Out.Prompt(new TextPrompt<string>($"Value of {Markup.Escape(name)}:").Secret());
    }
}

using System.CommandLine;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Watching;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>`fargo run [--no-wait] -- CMD…`: a one-off task of the service's task definition; its exit code becomes fargo's.</summary>
internal sealed class RunCommand : ICliCommand
{
    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var noWait = new Option<bool>("--no-wait") { Description = "Start the task and return its id, without waiting for it to finish." };
        var commandLine = new Argument<string[]>("command")
        {
            Description = "The command to run in the service's container, after --, e.g. fargo run -- dotnet App.dll migrate.",
            Arity = ArgumentArity.OneOrMore,
        };
        var command = new Command(
            "run",
            "Run a one-off task from the service's running task definition with its command replaced (a database migration, " +
            "a script): same image, environment, secrets and network as the service. Its output streams here, and fargo exits " +
            "with its exit code (1 when it could not start).")
        {
            noWait, commandLine,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var argv = context.ParseResult.GetValue(commandLine) ?? [];
            var selection = ServiceTargets.Select(context);
            using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
            var target = session.Target;
            var taskArn = await OneOffTask.StartAsync(target, argv, cancellation);
            var status = context.Json ? context.Host.Error : context.Host.Out;
            status.MarkupLine($"[grey]Started task {Markup.Escape(EcsNames.TaskId(taskArn))}: {Markup.Escape(string.Join(' ', argv))}[/]");
            if (context.ParseResult.GetValue(noWait))
            {
                if (context.Json)
                {
                    context.WriteJson(new RunJson(taskArn, null, null, null), ServiceJsonContext.Default.RunJson);
                }

                return ExitCodes.Success;
            }

            var result = await OneOffTask.WaitAsync(target, taskArn, new Lines(context), SystemClock.Instance, cancellation);
            if (context.Json)
            {
                context.WriteJson(new RunJson(result.TaskArn, result.ExitCode, result.StoppedReason, result.StopCode), ServiceJsonContext.Default.RunJson);
            }
            else if (result.ExitCode is { } code)
            {
                status.MarkupLine($"[grey]Task {Markup.Escape(EcsNames.TaskId(taskArn))} exited with code {code}.[/]");
            }
            else
            {
                status.MarkupLine($"[red]The task did not run:[/] {Markup.Escape(result.StoppedReason ?? result.StopCode ?? "no reason given")}");
            }

            // The command's own exit code, as a shell would give it; 1 when it never ran.
            return result.ExitCode ?? ExitCodes.Failure;
        }));
        return command;
    }

    /// <summary>The task's output, as it wrote it (to stderr with --output json, so stdout stays the result).</summary>
    private sealed class Lines(CommandContext context) : IProgress<LogLine>
    {
        public void Report(LogLine value)
        {
            var writer = context.Json ? context.Host.ErrorWriter : context.Host.OutWriter;
            writer.Write(value.Message);
            writer.Write('\n');
            writer.Flush();
        }
    }
}

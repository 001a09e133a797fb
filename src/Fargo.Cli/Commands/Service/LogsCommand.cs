using System.CommandLine;
using System.Text.Json;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Watching;
using Spectre.Console;

namespace Fargo.Cli.Commands.Service;

/// <summary>`fargo logs [-f] [--since 10m] [--task ID]`: the tasks' output, merged by time, one colour per task.</summary>
internal sealed class LogsCommand : ICliCommand
{
    private static readonly string[] Colours = ["cyan", "green", "yellow", "magenta", "blue", "red", "aqua", "fuchsia", "lime", "orange1"];

    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep printing new lines as the tasks write them (Ctrl-C stops)." };
        var since = new Option<string>("--since")
        {
            Description = "How far back to start, e.g. 10m, 2h.",
            HelpName = "duration",
            DefaultValueFactory = _ => "10m",
        };
        var task = new Option<string?>("--task") { Description = "Only this task (its id, or the first characters of it).", HelpName = "id" };
        var command = new Command(
            "logs",
            "Print the service's logs from CloudWatch Logs: every task's output merged by time, each line marked with its task " +
            "(one colour per task). --output json prints one JSON object per line.")
        {
            follow, since, task,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var query = new LogQuery(
                ServiceOptions.Duration(context.ParseResult.GetValue(since), "--since") ?? TimeSpan.FromMinutes(10),
                context.ParseResult.GetValue(task) is { Length: > 0 } id ? id.Trim() : null,
                context.ParseResult.GetValue(follow));
            var selection = ServiceTargets.Select(context);
            using var session = await ServiceTargets.OpenAsync(context, selection, cancellation);
            var colours = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                await foreach (var line in ServiceLogs.ReadAsync(session.Target, query, SystemClock.Instance, cancellation))
                {
                    Write(context, line, colours);
                }
            }
            catch (OperationCanceledException) when (query.Follow && cancellation.IsCancellationRequested)
            {
                // Ctrl-C is how following ends; the shell convention for it is 130.
                return ExitCodes.Interrupted;
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    private static void Write(CommandContext context, LogLine line, Dictionary<string, string> colours)
    {
        if (context.Json)
        {
            var writer = context.Host.OutWriter;
            writer.Write(JsonSerializer.Serialize(new LogLineJson(line.Timestamp, line.TaskId, line.Container, line.Message), LogLineJsonContext.Default.LogLineJson));
            writer.Write('\n');
            writer.Flush();
            return;
        }

        if (!colours.TryGetValue(line.TaskId, out var colour))
        {
            colour = Colours[colours.Count % Colours.Length];
            colours[line.TaskId] = colour;
        }

        var label = line.TaskId.Length > 8 ? line.TaskId[..8] : line.TaskId;
        context.Host.Out.MarkupLine($"[grey]{line.Timestamp.ToUniversalTime():HH:mm:ss.fff}[/] [{colour}]{Markup.Escape(label)}[/] {Markup.Escape(line.Message)}");
    }
}

using System.CommandLine;
using System.Text.Json;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Targets;
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
            "(one colour per task). --output json prints one JSON object per line. In an app of several services without --service: " +
            "every service's lines, each marked with its service (merged by time; with -f, as they arrive).")
        {
            follow, since, task,
        };
        services.SetAction(command, (context, cancellation) => ServiceTargets.TranslateAsync(async () =>
        {
            var query = new LogQuery(
                ServiceOptions.Duration(context.ParseResult.GetValue(since), "--since") ?? TimeSpan.FromMinutes(10),
                context.ParseResult.GetValue(task) is { Length: > 0 } id ? id.Trim() : null,
                context.ParseResult.GetValue(follow));
            var selections = ServiceTargets.SelectApp(context);
            var sessions = new List<TargetSession>();
            var colours = new Dictionary<string, string>(StringComparer.Ordinal);
            try
            {
                foreach (var selection in selections)
                {
                    sessions.Add(await ServiceTargets.OpenAsync(context, selection, cancellation));
                }

                // One service: its lines as they come. Several (an app without --service): each line marked with its service.
                var service = selections.Count == 1 ? null : (Func<TargetSession, string>)(s => s.Target.Spec.Service);
                await foreach (var (session, line) in ReadAllAsync(sessions, query, cancellation))
                {
                    Write(context, line, colours, service?.Invoke(session));
                }
            }
            catch (OperationCanceledException) when (query.Follow && cancellation.IsCancellationRequested)
            {
                // Ctrl-C is how following ends; the shell convention for it is 130.
                return ExitCodes.Interrupted;
            }

            finally
            {
                foreach (var session in sessions)
                {
                    session.Dispose();
                }
            }

            return ExitCodes.Success;
        }));
        return command;
    }

    /// <summary>
    /// The lines of every session: of one, as it reads them; of several, merged by time (or, when following, in the
    /// order they arrive from each service).
    /// </summary>
    private static async IAsyncEnumerable<(TargetSession Session, LogLine Line)> ReadAllAsync(
        List<TargetSession> sessions, LogQuery query, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellation)
    {
        if (sessions.Count == 1 || !query.Follow)
        {
            var lines = new List<(TargetSession, LogLine)>();
            foreach (var session in sessions)
            {
                await foreach (var line in ServiceLogs.ReadAsync(session.Target, query, SystemClock.Instance, cancellation))
                {
                    if (sessions.Count == 1)
                    {
                        yield return (session, line);
                    }
                    else
                    {
                        lines.Add((session, line));
                    }
                }
            }

            foreach (var entry in lines.OrderBy(l => l.Item2.Timestamp))
            {
                yield return entry;
            }

            yield break;
        }

        var channel = System.Threading.Channels.Channel.CreateUnbounded<(TargetSession, LogLine)>();
        var pumps = sessions.Select(async session =>
        {
            await foreach (var line in ServiceLogs.ReadAsync(session.Target, query, SystemClock.Instance, cancellation))
            {
                await channel.Writer.WriteAsync((session, line), cancellation);
            }
        }).ToList();
        _ = Task.WhenAll(pumps).ContinueWith(done => channel.Writer.TryComplete(done.Exception?.InnerException), TaskScheduler.Default);
        await foreach (var entry in channel.Reader.ReadAllAsync(cancellation))
        {
            yield return entry;
        }
    }

    private static void Write(CommandContext context, LogLine line, Dictionary<string, string> colours, string? service)
    {
        if (context.Json)
        {
            var writer = context.Host.OutWriter;
            writer.Write(JsonSerializer.Serialize(new LogLineJson(line.Timestamp, line.TaskId, line.Container, line.Message, service), LogLineJsonContext.Default.LogLineJson));
            writer.Write('\n');
            writer.Flush();
            return;
        }

        if (!colours.TryGetValue(line.TaskId, out var colour))
        {
            colour = Colours[colours.Count % Colours.Length];
            colours[line.TaskId] = colour;
        }

        var label = (service is null ? "" : service + " ") + (line.TaskId.Length > 8 ? line.TaskId[..8] : line.TaskId);
        context.Host.Out.MarkupLine($"[grey]{line.Timestamp.ToUniversalTime():HH:mm:ss.fff}[/] [{colour}]{Markup.Escape(label)}[/] {Markup.Escape(line.Message)}");
    }
}

using System.Threading.Channels;
using Fargo.Infrastructure.Toolkit;
using Spectre.Console;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// Shows what the CDK toolkit (and Fargo around it) says while it works. At a terminal: each line as it comes under
/// a spinner that names the step. Otherwise (a pipe, a file, CI): plain lines, each on the stream the toolkit wrote
/// it to. With --output json every line goes to stderr, so that stdout holds only the result document.
/// </summary>
internal sealed class ToolkitOutput(CommandContext context)
{
    private readonly CliHost _host = context.Host;
    private readonly bool _json = context.Json;

    /// <summary>Every line shown so far, in order (the diff's text for --output json).</summary>
    public List<string> Lines { get; } = [];

    private bool Interactive => !_json && _host.Out.Profile.Capabilities.Interactive;

    /// <summary>Runs one step, streaming the lines it reports.</summary>
    public async Task<T> RunAsync<T>(string title, Func<Action<OutputLine>, Task<T>> step)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (!Interactive)
        {
            Say(title);
            return await step(Write);
        }

        // The toolkit reports from the threads that read its pipes; the console is written from this one only.
        var lines = Channel.CreateUnbounded<OutputLine>(new UnboundedChannelOptions { SingleReader = true });
        return await _host.Out.Status().StartAsync(Markup.Escape(title), async status =>
        {
            var running = Task.Run(async () =>
            {
                try
                {
                    return await step(line => lines.Writer.TryWrite(line));
                }
                finally
                {
                    lines.Writer.Complete();
                }
            });
            await foreach (var line in lines.Reader.ReadAllAsync())
            {
                Lines.Add(line.Text);
                _host.Out.WriteLine(line.Text);
                status.Status($"{Markup.Escape(title)} [grey]{Markup.Escape(Shorten(line.Text))}[/]");
            }

            return await running;
        });
    }

    public Task RunAsync(string title, Func<Action<OutputLine>, Task> step) =>
        RunAsync(title, async report =>
        {
            await step(report);
            return true;
        });

    /// <summary>A line of Fargo's own about what it does (stderr when the result is JSON).</summary>
    public void Say(string text)
    {
        if (_json)
        {
            _host.ErrorWriter.WriteLine(text);
            _host.ErrorWriter.Flush();
        }
        else
        {
            _host.Out.MarkupLine($"[grey]{Markup.Escape(text)}[/]");
        }
    }

    private void Write(OutputLine line)
    {
        Lines.Add(line.Text);
        var writer = _json || line.Stream == OutputSource.StandardError ? _host.ErrorWriter : _host.OutWriter;
        writer.WriteLine(line.Text);
        writer.Flush();
    }

    private static string Shorten(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 60 ? trimmed : string.Concat(trimmed.AsSpan(0, 59), "…");
    }
}

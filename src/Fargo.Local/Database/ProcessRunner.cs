using System.Diagnostics;
using System.Text;

namespace Fargo.Local.Database;

/// <summary>The outcome of a finished program: exit code and its output (stdout and stderr, interleaved as read).</summary>
internal sealed record ProcessResult(int ExitCode, string Output);

/// <summary>Runs the PostgreSQL tools (initdb, pg_ctl, postgres --single), as the service user when there is one.</summary>
internal static class ProcessRunner
{
    public static async Task<ProcessResult> RunAsync(
        string program,
        IReadOnlyList<string> arguments,
        ServiceUser? runAs,
        string workingDirectory,
        IReadOnlyDictionary<string, string>? environment,
        string? standardInput,
        CancellationToken cancellationToken)
    {
        var (fileName, argv) = runAs is null ? (program, arguments) : runAs.Wrap(program, arguments);
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in argv)
        {
            start.ArgumentList.Add(argument);
        }

        // PostgreSQL's own variables from the caller's environment must not redirect the tools elsewhere.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["LC_ALL"] = "C";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = new StringBuilder();
        var stdout = PumpAsync(process.StandardOutput, output);
        var stderr = PumpAsync(process.StandardError, output);
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput.AsMemory(), cancellationToken).ConfigureAwait(false);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        await Task.WhenAll(stdout, stderr).ConfigureAwait(false);
        lock (output)
        {
            return new ProcessResult(process.ExitCode, output.ToString());
        }
    }

    private static async Task PumpAsync(StreamReader reader, StringBuilder output)
    {
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (output)
            {
                output.AppendLine(line);
            }
        }
    }
}

using System.Diagnostics;

namespace Fargo.Infrastructure.Toolkit;

/// <summary>A program to start: arguments are passed as a list (never through a shell).</summary>
public sealed record ProcessSpec(
    string FileName,
    IReadOnlyList<string> Arguments,
    string? WorkingDirectory = null,
    IReadOnlyDictionary<string, string>? Environment = null);

/// <summary>Which stream a line came from.</summary>
public enum OutputSource
{
    StandardOutput,
    StandardError,
}

/// <summary>One line a program wrote.</summary>
public sealed record OutputLine(OutputSource Stream, string Text);

/// <summary>Starts programs and streams their output line by line.</summary>
public interface IProcessRunner
{
    /// <summary>
    /// Runs the program to its end and returns its exit code; every line it writes goes to
    /// <paramref name="output"/> as it comes. Throws <see cref="System.ComponentModel.Win32Exception"/> when
    /// the program cannot be started. Cancelling kills the program and its children.
    /// </summary>
    Task<int> RunAsync(ProcessSpec spec, Action<OutputLine> output, CancellationToken cancellationToken);
}

/// <summary>Runs programs with <see cref="Process"/>; standard input stays the caller's (a prompt can be answered).</summary>
public sealed class ProcessRunner : IProcessRunner
{
    public async Task<int> RunAsync(ProcessSpec spec, Action<OutputLine> output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(output);
        var info = new ProcessStartInfo(spec.FileName)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            WorkingDirectory = spec.WorkingDirectory ?? string.Empty,
        };
        foreach (var argument in spec.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in spec.Environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        using var process = new Process { StartInfo = info };
        // Lines from both streams are handed over one at a time, in the order they arrive.
        var gate = new object();
        process.OutputDataReceived += (_, e) => Forward(e.Data, OutputSource.StandardOutput);
        process.ErrorDataReceived += (_, e) => Forward(e.Data, OutputSource.StandardError);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        // WaitForExitAsync returns after the redirected streams reached their end.
        return process.ExitCode;

        void Forward(string? line, OutputSource stream)
        {
            if (line is null)
            {
                return;
            }

            lock (gate)
            {
                output(new OutputLine(stream, line));
            }
        }
    }
}

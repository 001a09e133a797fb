using System.ComponentModel;
using System.Diagnostics;

namespace Fargo.Deploy.Images.Building;

/// <summary>What a short command printed, for probes such as `docker version`.</summary>
public sealed record ProcessOutcome(int ExitCode, string Output);

/// <summary>
/// Runs the build, test and push commands: never through a shell, in a given folder, their output streamed line by line
/// to <c>output</c> (shown with --verbose) while the last lines are kept for the error when a command fails.
/// </summary>
public static class ProcessRunner
{
    private const int LinesKept = 40;

    /// <summary>Runs <paramref name="command"/>; throws <see cref="ImageCommandFailedException"/> when it fails.</summary>
    public static async Task RunAsync(ProcessCommand command, string workingDirectory, IProgress<string>? output, string? hint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tail = new OutputTail(LinesKept, output);
        using var process = new Process { StartInfo = StartInfo(command, workingDirectory) };
        tail.Follow(process);
        try
        {
            process.Start();
        }
        catch (Win32Exception e)
        {
            throw new ImageCommandFailedException(command.ToShell(), null, [e.Message], hint ?? $"Is {command.Program} installed and on PATH?");
        }

        process.StandardInput.Close(); // Nothing to read: a command that asks for input fails instead of waiting.
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

        if (process.ExitCode != 0)
        {
            throw new ImageCommandFailedException(command.ToShell(), process.ExitCode, [.. tail.Lines], hint);
        }
    }

    /// <summary>Runs a short command and returns what it printed on stdout; null when it cannot be started or takes longer than <paramref name="timeout"/>.</summary>
    public static async Task<ProcessOutcome?> CaptureAsync(ProcessCommand command, string workingDirectory, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        Process process;
        try
        {
            process = Process.Start(StartInfo(command, workingDirectory))!;
        }
        catch (Win32Exception)
        {
            return null;
        }

        using (process)
        {
            process.StandardInput.Close();
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            var stdout = process.StandardOutput.ReadToEndAsync(deadline.Token);
            var stderr = process.StandardError.ReadToEndAsync(deadline.Token);
            try
            {
                await process.WaitForExitAsync(deadline.Token);
                await Task.WhenAll(stdout, stderr);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return new ProcessOutcome(process.ExitCode, await stdout);
        }
    }

    private static ProcessStartInfo StartInfo(ProcessCommand command, string workingDirectory)
    {
        var start = new ProcessStartInfo(command.Executable ?? command.Program)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in command.Arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in command.Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}

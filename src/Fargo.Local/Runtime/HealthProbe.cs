using System.Diagnostics;

namespace Fargo.Local.Runtime;

/// <summary>
/// Runs a container health check command once, the way Docker does: ["CMD", exe, args...] executes
/// directly, ["CMD-SHELL", "command"] through /bin/sh -c. Exit code 0 within the timeout passes.
/// </summary>
internal static class HealthProbe
{
    public static async Task<bool> RunAsync(
        IReadOnlyList<string> command,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        TimeSpan timeout,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(environment);
        var argv = ToArgv(command);
        if (argv is null)
        {
            return false;
        }

        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in argv)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("health check did not start");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }

        using (process)
        {
            process.StandardInput.Close();
            // Drain output so a chatty check can't block on a full pipe.
            var drainOut = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var drainErr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            try
            {
                await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                Posix.SignalGroup(process.Id, Posix.SigKill);
                await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                cancellationToken.ThrowIfCancellationRequested();
                return false;
            }

            await Task.WhenAll(drainOut, drainErr).ConfigureAwait(false);
            return process.ExitCode == 0;
        }
    }

    /// <summary>The argv a health check command runs, or null when the command is malformed.</summary>
    public static IReadOnlyList<string>? ToArgv(IReadOnlyList<string> command)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count >= 2 && command[0] == "CMD-SHELL")
        {
            return ["/bin/sh", "-c", string.Join(' ', command.Skip(1))];
        }

        if (command.Count >= 2 && command[0] == "CMD")
        {
            return command.Skip(1).ToList();
        }

        return null;
    }
}

using System.Diagnostics;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.EndToEnd.Support;

/// <summary>Runs programs as a shell would: the built `fargo` (dotnet fargo.dll) and the official AWS CLI.</summary>
internal static class E2eProcess
{
    public static string FargoAssembly => Path.Combine(AppContext.BaseDirectory, "fargo.dll");

    /// <summary>
    /// Runs a program and sends it SIGINT (a Ctrl-C) once a line of its standard output contains <paramref name="interruptAfter"/>.
    /// </summary>
    public static async Task<CliResult> RunAndInterruptAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        string interruptAfter,
        TimeSpan timeout)
    {
        var start = StartInfo(fileName, arguments, workingDirectory, environment);
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var error = process.StandardError.ReadToEndAsync();
        var output = new System.Text.StringBuilder();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            var interrupted = false;
            while (await process.StandardOutput.ReadLineAsync(deadline.Token) is { } line)
            {
                output.AppendLine(line);
                if (!interrupted && line.Contains(interruptAfter, StringComparison.Ordinal))
                {
                    interrupted = true;
                    using var kill = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
                    await kill.WaitForExitAsync(deadline.Token);
                }
            }

            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new CliResult(-1, output.ToString(), await error + $"\n[test] killed after {timeout.TotalSeconds:0}s");
        }

        return new CliResult(process.ExitCode, output.ToString(), await error);
    }

    public static async Task<CliResult> RunAsync(
        string fileName,
        IEnumerable<string> arguments,
        string workingDirectory,
        IReadOnlyDictionary<string, string?> environment,
        TimeSpan timeout,
        string? standardInput = null)
    {
        using var process = Process.Start(StartInfo(fileName, arguments, workingDirectory, environment))!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            await process.StandardInput.WriteAsync(standardInput);
        }

        process.StandardInput.Close();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            return new CliResult(-1, await output, await error + $"\n[test] killed after {timeout.TotalSeconds:0}s");
        }

        return new CliResult(process.ExitCode, await output, await error);
    }

    private static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments, string workingDirectory, IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        return start;
    }
}

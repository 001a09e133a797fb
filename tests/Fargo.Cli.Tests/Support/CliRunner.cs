using System.Diagnostics;
using Fargo.Cli.Rendering;

namespace Fargo.Cli.Tests.Support;

/// <summary>What a run of `fargo` produced.</summary>
public sealed record CliResult(int ExitCode, string Out, string Error)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Out}\n--- stderr\n{Error}";
}

/// <summary>Runs `fargo` in-process against captured writers, exactly as Program.cs runs it against the terminal.</summary>
internal static class FargoCli
{
    public static async Task<CliResult> RunAsync(string workingDirectory, params string[] args) =>
        await RunAsync(workingDirectory, CancellationToken.None, args);

    public static async Task<CliResult> RunAsync(string workingDirectory, CancellationToken cancellation, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var host = HostFor(workingDirectory, output, error);
        var exitCode = await FargoApp.RunAsync(args, host, cancellation);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    public static CliHost HostFor(string workingDirectory, TextWriter output, TextWriter error) => new(
        TerminalConsoles.Create(output, TerminalTraits.Plain),
        TerminalConsoles.Create(error, TerminalTraits.Plain),
        workingDirectory,
        _ => null);
}

/// <summary>Runs the built `fargo` as a separate process (dotnet fargo.dll), as a shell or CI would.</summary>
internal static class FargoProcess
{
    public static string Assembly => Path.Combine(AppContext.BaseDirectory, "fargo.dll");

    public static Task<CliResult> RunAsync(string workingDirectory, params string[] args) =>
        RunAsync(workingDirectory, new Dictionary<string, string>(), args);

    public static async Task<CliResult> RunAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await output, await error);
    }
}

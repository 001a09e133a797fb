using System.Diagnostics;
using System.Text.Json;

namespace Fargo.Local.Tests.Support;

public sealed record ProcessResult(int ExitCode, string Out, string Error)
{
    public JsonElement Json()
    {
        using var document = JsonDocument.Parse(Out);
        return document.RootElement.Clone();
    }

    public override string ToString() => $"exit {ExitCode}\nstdout: {Out}\nstderr: {Error}";
}

/// <summary>
/// The official AWS CLI (Debian's awscli, /usr/bin/aws) pointed at an engine with --endpoint-url, with no
/// configuration or credentials of the machine's own: only what the test gives it.
/// </summary>
public static class AwsCli
{
    public const string Path = "/usr/bin/aws";

    public static Task<ProcessResult> RunAsync(Uri endpoint, string accessKeyId, string secretAccessKey, string home, params string[] args) =>
        RunWithSessionAsync(endpoint, accessKeyId, secretAccessKey, null, home, args);

    /// <summary>The CLI with temporary credentials: <paramref name="sessionToken"/> goes in AWS_SESSION_TOKEN.</summary>
    public static async Task<ProcessResult> RunWithSessionAsync(Uri endpoint, string accessKeyId, string secretAccessKey, string? sessionToken, string home, params string[] args)
    {
        Assert.True(File.Exists(Path), $"{Path} is missing: install the Debian package awscli (test.sh does).");
        var start = new ProcessStartInfo(Path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--endpoint-url");
        start.ArgumentList.Add(endpoint.ToString().TrimEnd('/'));
        start.ArgumentList.Add("--output");
        start.ArgumentList.Add("json");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("AWS_", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }

        start.Environment["AWS_ACCESS_KEY_ID"] = accessKeyId;
        start.Environment["AWS_SECRET_ACCESS_KEY"] = secretAccessKey;
        if (sessionToken is not null)
        {
            start.Environment["AWS_SESSION_TOKEN"] = sessionToken;
        }

        start.Environment["AWS_REGION"] = "local";
        start.Environment["AWS_DEFAULT_REGION"] = "local";
        start.Environment["AWS_CONFIG_FILE"] = "/dev/null";
        start.Environment["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null";
        start.Environment["AWS_PAGER"] = "";
        start.Environment["AWS_MAX_ATTEMPTS"] = "1";
        start.Environment["HOME"] = home;
        return await RunProcessAsync(start, TimeSpan.FromSeconds(60));
    }

    public static async Task<ProcessResult> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(start);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} did not finish within {timeout.TotalSeconds:0} s");
        }

        return new ProcessResult(process.ExitCode, await output, await error);
    }
}

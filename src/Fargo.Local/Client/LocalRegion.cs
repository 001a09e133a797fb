using System.Diagnostics;
using System.Net.Http.Json;
using Fargo.Local.Api;
using Fargo.Local.Engine;
using Fargo.Local.Home;
using Fargo.Local.Runtime;

namespace Fargo.Local.Client;

/// <summary>What starting the engine needs: the program that runs it, and settings handed to it.</summary>
public sealed record LocalRegionStartOptions
{
    public required EngineLaunchCommand Command { get; init; }

    /// <summary>The port to listen on (FARGO_LOCAL_PORT of the engine); null keeps the engine's default or the caller's environment.</summary>
    public int? Port { get; init; }

    /// <summary>More environment variables for the engine (e.g. FARGO_LOCAL_TICK_MS in tests).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);
}

/// <summary>The state of the engine of one FARGO_HOME.</summary>
public sealed record LocalRegionStatus(bool Running, LocalRegionConnection? Connection, DateTimeOffset? StartedAt);

/// <summary>
/// Starts, finds and stops the local region's engine, a background process per FARGO_HOME. Commands that
/// target the local region call <see cref="EnsureRunningAsync"/>: it returns the running engine, or starts
/// one and waits until it answers.
/// </summary>
public static class LocalRegion
{
    private static readonly TimeSpan PingTimeout = TimeSpan.FromSeconds(3);

    /// <summary>The running engine, starting it first when it isn't running.</summary>
    public static async Task<LocalRegionConnection> EnsureRunningAsync(FargoHome home, LocalRegionStartOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        ArgumentNullException.ThrowIfNull(options);
        if (await FindRunningAsync(home, cancellationToken).ConfigureAwait(false) is { } running)
        {
            return running;
        }

        return await StartAsync(home, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether the engine runs, and where.</summary>
    public static async Task<LocalRegionStatus> GetStatusAsync(FargoHome home, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        var connection = await FindRunningAsync(home, cancellationToken).ConfigureAwait(false);
        return new LocalRegionStatus(connection is not null, connection, connection is null ? null : EngineRecord.TryRead(home)?.StartedAt);
    }

    /// <summary>
    /// Stops the engine: SIGTERM, which makes it stop its tasks (each within its stop timeout) and exit;
    /// SIGKILL if it is still there after <paramref name="timeout"/>. Returns false when it wasn't running.
    /// </summary>
    public static async Task<bool> StopAsync(FargoHome home, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        var record = EngineRecord.TryRead(home);
        if (record is null || !Posix.IsSameProcessAlive(record.ProcessId, record.ProcessStartTicks))
        {
            return false;
        }

        Posix.SignalProcess(record.ProcessId, Posix.SigTerm);
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (Posix.IsSameProcessAlive(record.ProcessId, record.ProcessStartTicks))
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Posix.SignalProcess(record.ProcessId, Posix.SigKill);
                break;
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        return true;
    }

    /// <summary>The engine of this FARGO_HOME if it is alive and answers; null otherwise (a stale record is ignored).</summary>
    public static async Task<LocalRegionConnection?> FindRunningAsync(FargoHome home, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(home);
        var record = EngineRecord.TryRead(home);
        if (record is null || !Posix.IsSameProcessAlive(record.ProcessId, record.ProcessStartTicks))
        {
            return null;
        }

        var credentials = LocalCredentials.TryLoad(home);
        if (credentials is null || !await PingAsync(record, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new LocalRegionConnection(record.Endpoint, record.ProcessId, credentials, home);
    }

    private static async Task<LocalRegionConnection> StartAsync(FargoHome home, LocalRegionStartOptions options, CancellationToken cancellationToken)
    {
        home.EnsureCreated();
        LocalCredentials.LoadOrCreate(home);
        var logStart = File.Exists(home.EngineLogFile) ? new FileInfo(home.EngineLogFile).Length : 0;

        // setsid: the engine gets its own session, so closing the terminal or Ctrl-C in the shell that
        // started it doesn't stop it. Its output goes to engine.log.
        // In FARGO_HOME, not the caller's folder: the engine outlives the command that started it, and that folder may
        // be deleted (a project removed, a test's temporary folder), which would fail everything that asks for the
        // current directory afterwards.
        var info = new ProcessStartInfo("/usr/bin/setsid") { UseShellExecute = false, WorkingDirectory = home.Root };
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("l=\"$1\"; shift; exec \"$@\" >>\"$l\" 2>&1 </dev/null");
        info.ArgumentList.Add("fargo-local");
        info.ArgumentList.Add(home.EngineLogFile);
        info.ArgumentList.Add(options.Command.FileName);
        foreach (var argument in options.Command.Arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment[FargoHome.EnvironmentVariable] = home.Root;
        if (options.Port is { } port)
        {
            info.Environment[EngineOptions.PortVariable] = port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        foreach (var (name, value) in options.Environment)
        {
            info.Environment[name] = value;
        }

        using var process = Process.Start(info) ?? throw new LocalRegionException("The local region's engine did not start.");
        var deadline = DateTimeOffset.UtcNow + options.StartTimeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var record = EngineRecord.TryRead(home);
            if (record is not null && record.ProcessId == process.Id && await PingAsync(record, cancellationToken).ConfigureAwait(false))
            {
                return new LocalRegionConnection(record.Endpoint, record.ProcessId, LocalCredentials.TryLoad(home)!, home);
            }

            if (process.HasExited)
            {
                // Another start may have won the race for this FARGO_HOME: then that engine is the one to use.
                if (await FindRunningAsync(home, cancellationToken).ConfigureAwait(false) is { } other)
                {
                    return other;
                }

                throw new LocalRegionException(
                    $"The local region's engine exited at start (exit code {process.ExitCode}): {LogTail(home.EngineLogFile, logStart)}",
                    $"The engine's log is {home.EngineLogFile}.");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }

        throw new LocalRegionException(
            $"The local region's engine did not answer within {options.StartTimeout.TotalSeconds:0} seconds.",
            $"The engine's log is {home.EngineLogFile}.");
    }

    private static async Task<bool> PingAsync(EngineRecord record, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = PingTimeout };
        try
        {
            var ping = await http.GetFromJsonAsync(new Uri(record.Endpoint, LocalApi.PingPath), ApiJsonContext.Default.EnginePing, cancellationToken).ConfigureAwait(false);
            return ping is { Service: "fargo-local" } && ping.ProcessId == record.ProcessId;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException)
        {
            cancellationToken.ThrowIfCancellationRequested();
            return false;
        }
    }

    private static string LogTail(string path, long from)
    {
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            stream.Position = Math.Min(from, stream.Length);
            using var reader = new StreamReader(stream);
            var text = reader.ReadToEnd().Trim();
            return text.Length == 0 ? "(no output)" : text.Length > 2000 ? text[^2000..] : text;
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }
}

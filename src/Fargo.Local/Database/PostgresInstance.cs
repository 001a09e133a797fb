using System.Globalization;
using Fargo.Local.Runtime;

namespace Fargo.Local.Database;

/// <summary>
/// One PostgreSQL server: its folder (data/ and server.log), initdb, single-user commands, and start/stop
/// through pg_ctl — which detaches the server into its own session, so it outlives an engine killed with
/// kill -9 and is found again (adopted) by the next engine. Always loopback only (listen_addresses=127.0.0.1),
/// no Unix socket, password authentication (scram-sha-256).
/// </summary>
internal sealed class PostgresInstance(string directory, PostgresBinaries binaries, ServiceUser? runAs)
{
    private static readonly TimeSpan StartAttemptsFor = TimeSpan.FromSeconds(20);

    public string Directory { get; } = directory;

    public string DataDirectory => Path.Combine(Directory, "data");

    public string LogFile => Path.Combine(Directory, "server.log");

    private string PidFile => Path.Combine(DataDirectory, "postmaster.pid");

    public bool IsInitialized => File.Exists(Path.Combine(DataDirectory, "PG_VERSION"));

    /// <summary>Creates the cluster: the superuser <paramref name="user"/> with <paramref name="password"/>, UTF-8, C collation.</summary>
    public async Task InitializeAsync(string user, string password, CancellationToken cancellationToken)
    {
        var passwordFile = Path.Combine(Directory, ".initdb-password");
        Home.FargoHome.WritePrivateFile(passwordFile, System.Text.Encoding.UTF8.GetBytes(password + "\n"));
        runAs?.Own(passwordFile);
        try
        {
            var result = await RunAsync(binaries.InitDb,
                ["-D", DataDirectory, "-U", user, "--auth=scram-sha-256", "--pwfile=" + passwordFile, "-E", "UTF8", "--locale=C"],
                null, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new InvalidOperationException($"initdb failed: {result.Output.Trim()}");
            }
        }
        finally
        {
            File.Delete(passwordFile);
        }
    }

    /// <summary>
    /// Runs SQL statements (one per line) in single-user mode, which needs no client library and no running
    /// server — so the server must be stopped.
    /// </summary>
    public async Task RunSingleUserAsync(IReadOnlyList<string> statements, CancellationToken cancellationToken)
    {
        var result = await RunAsync(binaries.Postgres, ["--single", "-D", DataDirectory, "postgres"],
            string.Join('\n', statements) + "\n", cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 || result.Output.Contains("ERROR:", StringComparison.Ordinal) || result.Output.Contains("FATAL:", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"postgres --single failed: {Redact(result.Output).Trim()}");
        }
    }

    /// <summary>The pid of this data folder's running postmaster, or null when none runs.</summary>
    public int? RunningProcessId()
    {
        if (!File.Exists(PidFile))
        {
            return null;
        }

        string? first;
        try
        {
            first = File.ReadLines(PidFile).FirstOrDefault();
        }
        catch (IOException)
        {
            return null;
        }

        if (!int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) || pid <= 1 || Posix.ProcessStartTicks(pid) is null)
        {
            return null;
        }

        // A recycled pid may now be anyone: only a postgres started on this very data folder counts.
        string[] commandLine;
        try
        {
            commandLine = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0', StringSplitOptions.RemoveEmptyEntries);
        }
        catch (IOException)
        {
            return null;
        }

        var dataArgument = Array.IndexOf(commandLine, "-D");
        return commandLine.Length > 0 && Path.GetFileName(commandLine[0]) == "postgres"
               && dataArgument >= 0 && dataArgument + 1 < commandLine.Length
               && Path.GetFullPath(commandLine[dataArgument + 1]) == Path.GetFullPath(DataDirectory)
            ? pid
            : null;
    }

    /// <summary>
    /// Starts the server on <paramref name="port"/>, unless it is running already. A postmaster.pid left by a
    /// server that was killed (kill -9) is removed first; while the killed server's backends still hold its
    /// shared memory, the start is retried for a while.
    /// </summary>
    public async Task StartAsync(int port, CancellationToken cancellationToken)
    {
        if (RunningProcessId() is not null)
        {
            return;
        }

        var deadline = DateTimeOffset.UtcNow + StartAttemptsFor;
        while (true)
        {
            if (File.Exists(PidFile) && RunningProcessId() is null)
            {
                File.Delete(PidFile);
            }

            var result = await RunAsync(binaries.PgCtl,
                ["start", "-D", DataDirectory, "-l", LogFile, "-w", "-t", "60", "-s",
                 "-o", $"-c listen_addresses=127.0.0.1 -c port={port.ToString(CultureInfo.InvariantCulture)} -c unix_socket_directories=''"],
                null, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode == 0 && RunningProcessId() is not null)
            {
                return;
            }

            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new InvalidOperationException($"PostgreSQL did not start: {result.Output.Trim()} {LogTail()}".Trim());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops the server (fast shutdown: running transactions roll back, data is flushed).</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (RunningProcessId() is null)
        {
            return;
        }

        var result = await RunAsync(binaries.PgCtl, ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30", "-s"], null, cancellationToken).ConfigureAwait(false);
        if (result.ExitCode != 0 && RunningProcessId() is not null)
        {
            throw new InvalidOperationException($"PostgreSQL did not stop: {result.Output.Trim()}");
        }
    }

    private Task<ProcessResult> RunAsync(string program, IReadOnlyList<string> arguments, string? input, CancellationToken cancellationToken)
    {
        var environment = binaries.LibraryDirectory is { } lib ? new Dictionary<string, string> { ["LD_LIBRARY_PATH"] = lib } : null;
        return ProcessRunner.RunAsync(program, arguments, runAs, Directory, environment, input, cancellationToken);
    }

    private string LogTail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogFile).TakeLast(5));
        }
        catch (IOException)
        {
            return "";
        }
    }

    /// <summary>Single-user mode echoes nothing of its input, but keep any statement text (which may hold a password) out of errors anyway.</summary>
    private static string Redact(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase)));
}

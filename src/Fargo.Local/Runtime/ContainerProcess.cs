using System.Diagnostics;
using System.Globalization;

namespace Fargo.Local.Runtime;

/// <summary>
/// A running container: a process group led by a small /bin/sh wrapper that runs the container's argv with
/// stdout and stderr appended to a file and, when the argv exits, writes its exit status (Docker's way:
/// 128+signal for a signal) to a file. Files rather than pipes, so that a task outlives an engine crash
/// with its output intact and the restarted engine can adopt it, tail its output, and learn its exit code.
/// </summary>
internal abstract class ContainerProcess
{
    protected ContainerProcess(int processId, long? startTicks, string exitCodeFile)
    {
        ProcessId = processId;
        StartTicks = startTicks;
        ExitCodeFile = exitCodeFile;
    }

    public int ProcessId { get; }

    /// <summary>Start time in clock ticks since boot; with the pid, identifies the process across engine restarts.</summary>
    public long? StartTicks { get; }

    protected string ExitCodeFile { get; }

    /// <summary>Completes when the process exits, with its exit code when known.</summary>
    public abstract Task<int?> Exited { get; }

    public bool HasExited => Exited.IsCompleted;

    /// <summary>Signals the whole process group, so children the app started go too.</summary>
    public bool Signal(int signal) => Posix.SignalGroup(ProcessId, signal);

    protected int? ReadExitCodeFile()
    {
        try
        {
            var text = File.ReadAllText(ExitCodeFile).Trim();
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var code) ? code : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            return null;
        }
    }
}

/// <summary>A container process this engine started itself: its exit is reported by the runtime.</summary>
internal sealed class SpawnedContainerProcess : ContainerProcess
{
    // $1 = output file, $2 = exit code file, the rest = the container's argv.
    // TERM and INT are caught (not ignored: an ignored signal would be inherited as ignored by the app)
    // so the wrapper outlives the app to record its exit status; a caught handler resets to the default
    // in the exec'd app, which therefore gets the signal as it would in Docker.
    private const string Wrapper =
        "o=\"$1\"; x=\"$2\"; shift 2\n" +
        "exec </dev/null >/dev/null 2>&1\n" +
        "trap : TERM INT\n" +
        "\"$@\" >>\"$o\" 2>&1\n" +
        "c=$?\n" +
        "echo \"$c\" >\"$x\"\n" +
        "exit \"$c\"\n";

    private readonly Process _process;
    private readonly Task<int?> _exited;

    private SpawnedContainerProcess(Process process, long? startTicks, string exitCodeFile)
        : base(process.Id, startTicks, exitCodeFile)
    {
        _process = process;
        _exited = WaitAsync();
    }

    public override Task<int?> Exited => _exited;

    public static SpawnedContainerProcess Start(ContainerLaunch launch)
    {
        ArgumentNullException.ThrowIfNull(launch);
        if (launch.Argv.Count == 0)
        {
            throw new ArgumentException("a container needs a command or entry point", nameof(launch));
        }

        Directory.CreateDirectory(Path.GetDirectoryName(launch.OutputFile)!);
        File.Delete(launch.ExitCodeFile);

        var info = new ProcessStartInfo("/usr/bin/setsid")
        {
            UseShellExecute = false,
            WorkingDirectory = launch.WorkingDirectory,
        };
        // setsid makes the wrapper a session and process group leader (it is not one already, being our
        // child), so one kill(-pid) reaches the app and everything it starts.
        info.ArgumentList.Add("/bin/sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(Wrapper);
        info.ArgumentList.Add("fargo-task");
        info.ArgumentList.Add(launch.OutputFile);
        info.ArgumentList.Add(launch.ExitCodeFile);
        foreach (var argument in launch.Argv)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Clear();
        foreach (var (name, value) in launch.Environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("the container process did not start");
        return new SpawnedContainerProcess(process, Posix.ProcessStartTicks(process.Id), launch.ExitCodeFile);
    }

    private async Task<int?> WaitAsync()
    {
        await _process.WaitForExitAsync().ConfigureAwait(false);
        var fromWrapper = ReadExitCodeFile();
        var code = fromWrapper ?? _process.ExitCode;
        _process.Dispose();
        return code;
    }
}

/// <summary>
/// A container process started by an earlier run of the engine, found alive after a restart. It is not our
/// child, so its exit is noticed by polling /proc, and its exit code comes from the wrapper's file.
/// </summary>
internal sealed class AdoptedContainerProcess : ContainerProcess
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private readonly Task<int?> _exited;

    private AdoptedContainerProcess(int processId, long? startTicks, string exitCodeFile, CancellationToken stopping)
        : base(processId, startTicks, exitCodeFile)
    {
        _exited = PollAsync(stopping);
    }

    public override Task<int?> Exited => _exited;

    /// <summary>The process, if it is still the one that was recorded; otherwise null.</summary>
    public static AdoptedContainerProcess? TryAdopt(int processId, long? startTicks, string exitCodeFile, CancellationToken stopping)
    {
        return Posix.IsSameProcessAlive(processId, startTicks)
            ? new AdoptedContainerProcess(processId, startTicks, exitCodeFile, stopping)
            : null;
    }

    private async Task<int?> PollAsync(CancellationToken stopping)
    {
        while (Posix.IsSameProcessAlive(ProcessId, StartTicks))
        {
            await Task.Delay(PollInterval, stopping).ConfigureAwait(false);
        }

        return ReadExitCodeFile();
    }
}

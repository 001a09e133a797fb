using System.Globalization;
using System.Runtime.InteropServices;

namespace Fargo.Local.Runtime;

/// <summary>
/// The few POSIX calls .NET does not expose: signalling a whole process group, and identifying a process
/// by pid plus start time (pids are recycled, so a pid alone could name a stranger after a restart).
/// </summary>
internal static partial class Posix
{
    public const int SigKill = 9;
    public const int SigTerm = 15;
    private const int NoSuchProcess = 3; // ESRCH

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);

    /// <summary>Sends a signal to every process of a process group. False when the group no longer exists.</summary>
    public static bool SignalGroup(int processGroupId, int signal)
    {
        if (processGroupId <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(processGroupId), "refusing to signal init or every process");
        }

        if (Kill(-processGroupId, signal) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess ? false : throw new InvalidOperationException($"kill(-{processGroupId}, {signal}) failed with errno {error}");
    }

    /// <summary>Sends a signal to one process. False when it no longer exists.</summary>
    public static bool SignalProcess(int processId, int signal)
    {
        if (processId <= 1)
        {
            throw new ArgumentOutOfRangeException(nameof(processId), "refusing to signal init or every process");
        }

        if (Kill(processId, signal) == 0)
        {
            return true;
        }

        var error = Marshal.GetLastPInvokeError();
        return error == NoSuchProcess ? false : throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {error}");
    }

    /// <summary>
    /// The process's start time in clock ticks since boot (field 22 of /proc/PID/stat), or null when the
    /// process does not exist or has already exited (a zombie counts as gone).
    /// </summary>
    public static long? ProcessStartTicks(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        // The command name (field 2) is in parentheses and may itself hold spaces or parentheses:
        // the fields after it start after the last ')'.
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 2)..].Split(' ');
        // fields[0] is field 3 (state); field 22 (starttime) is fields[19].
        if (fields.Length < 20 || fields[0] is "Z" or "X")
        {
            return null;
        }

        return long.Parse(fields[19], CultureInfo.InvariantCulture);
    }

    /// <summary>True when the process with this pid is alive and is the same one that was recorded.</summary>
    public static bool IsSameProcessAlive(int pid, long? recordedStartTicks)
    {
        var ticks = ProcessStartTicks(pid);
        return ticks is not null && (recordedStartTicks is null || ticks == recordedStartTicks);
    }

    /// <summary>The environment a process was started with, or null when it can't be read.</summary>
    public static IReadOnlyDictionary<string, string>? ProcessEnvironment(int pid)
    {
        byte[] raw;
        try
        {
            raw = File.ReadAllBytes($"/proc/{pid}/environ");
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in System.Text.Encoding.UTF8.GetString(raw).Split('\0', StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = entry.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                result[entry[..equals]] = entry[(equals + 1)..];
            }
        }

        return result;
    }

    /// <summary>Every pid currently listed in /proc.</summary>
    public static IEnumerable<int> AllProcessIds()
    {
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                yield return pid;
            }
        }
    }
}

using System.Globalization;

namespace Fargo.Benchmarks;

/// <summary>CPU time (user + system) a process, or a process and its children, has used so far, from /proc.</summary>
public static class ProcessCpu
{
    public static Func<TimeSpan> Of(int pid) => () => Read(pid);

    /// <summary>The process and its direct children (nginx's master and workers).</summary>
    public static Func<TimeSpan> OfTree(int pid) => () =>
    {
        var total = Read(pid);
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(directory), NumberStyles.None, CultureInfo.InvariantCulture, out var child) && Fields(child) is { } f
                && int.Parse(f[1], CultureInfo.InvariantCulture) == pid)
            {
                total += Read(child);
            }
        }

        return total;
    };

    private static TimeSpan Read(int pid)
    {
        if (Fields(pid) is not { } f)
        {
            return TimeSpan.Zero;
        }

        // utime and stime, in clock ticks (USER_HZ, 100 on Linux).
        var ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromMilliseconds(ticks * 10);
    }

    /// <summary>The fields of /proc/PID/stat after the command name (state, ppid, ...); null when the process is gone.</summary>
    private static string[]? Fields(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
    }
}

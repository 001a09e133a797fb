using System.Globalization;

namespace Fargo.Local.ApplicationAutoScaling;

/// <summary>The CPU time and resident memory of the processes of some process groups, at one moment.</summary>
/// <param name="CpuSeconds">User and system time of the groups' processes, with that of their reaped children.</param>
/// <param name="ResidentBytes">Their resident set size.</param>
internal readonly record struct ProcessUsage(double CpuSeconds, long ResidentBytes);

/// <summary>
/// Reads the usage of process groups from /proc: one pass over /proc/PID/stat per sample. A task's containers each
/// run in a process group of their own, so a group's processes are the container's whole process tree (a shell and
/// what it starts, a runtime and its workers), however they fork.
/// </summary>
internal static class ProcessGroupUsage
{
    /// <summary>USER_HZ: the unit of /proc's CPU times; 100 on every Linux architecture .NET runs on.</summary>
    private const double ClockTicksPerSecond = 100;

    public static IReadOnlyDictionary<int, ProcessUsage> Read(IReadOnlySet<int> groups)
    {
        var usage = new Dictionary<int, ProcessUsage>();
        if (groups.Count == 0 || !Directory.Exists("/proc"))
        {
            return usage;
        }

        var pageSize = Environment.SystemPageSize;
        foreach (var directory in Directory.EnumerateDirectories("/proc"))
        {
            var name = Path.GetFileName(directory.AsSpan());
            if (!int.TryParse(name, NumberStyles.None, CultureInfo.InvariantCulture, out _))
            {
                continue;
            }

            string stat;
            try
            {
                stat = File.ReadAllText(Path.Combine(directory, "stat"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                continue; // exited meanwhile
            }

            if (Parse(stat) is not { } process || !groups.Contains(process.Group))
            {
                continue;
            }

            var seconds = process.Ticks / ClockTicksPerSecond;
            var bytes = process.ResidentPages * pageSize;
            usage[process.Group] = usage.TryGetValue(process.Group, out var sum)
                ? new ProcessUsage(sum.CpuSeconds + seconds, sum.ResidentBytes + bytes)
                : new ProcessUsage(seconds, bytes);
        }

        return usage;
    }

    /// <summary>
    /// The fields of /proc/PID/stat this needs: pgrp (5), utime + stime + cutime + cstime (14–17) and rss (24).
    /// The command name (2) is in parentheses and may hold spaces and parentheses, so fields count from the last ')'.
    /// </summary>
    internal static (int Group, long Ticks, long ResidentPages)? Parse(string stat)
    {
        var close = stat.LastIndexOf(')');
        if (close < 0)
        {
            return null;
        }

        var fields = stat[(close + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // fields[0] is field 3 (state): field N is fields[N - 3].
        if (fields.Length < 22
            || !int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var group)
            || !long.TryParse(fields[11], NumberStyles.None, CultureInfo.InvariantCulture, out var utime)
            || !long.TryParse(fields[12], NumberStyles.None, CultureInfo.InvariantCulture, out var stime)
            || !long.TryParse(fields[13], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cutime)
            || !long.TryParse(fields[14], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var cstime)
            || !long.TryParse(fields[21], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var rss))
        {
            return null;
        }

        return (group, utime + stime + cutime + cstime, Math.Max(0, rss));
    }
}

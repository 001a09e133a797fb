using System.Globalization;

namespace Fargo.Local.Runtime;

/// <summary>
/// The resident memory of every process group, read from /proc: a container is a process group (see
/// <see cref="ContainerProcess"/>), so its memory is the sum of the RSS of the processes in it, children
/// included. ECS counts a container's memory in its cgroup; a cgroup is not writable for an ordinary user on a
/// developer's machine, so the local region measures RSS instead (page cache is not counted, so a container
/// gets slightly more room here than on Fargate).
/// </summary>
internal sealed class ProcessGroupMemory(TimeProvider time, TimeSpan maximumAge)
{
    private static readonly long PageSize = Environment.SystemPageSize;

    private readonly Lock _lock = new();
    private IReadOnlyDictionary<int, long> _sample = new Dictionary<int, long>();
    private DateTimeOffset _sampledAt = DateTimeOffset.MinValue;

    /// <summary>
    /// The resident bytes of the process group led by <paramref name="groupId"/>, from a reading of /proc at most
    /// <c>maximumAge</c> old (one scan serves every task of a tick).
    /// </summary>
    public long ResidentBytes(int groupId)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            if (now - _sampledAt >= maximumAge)
            {
                _sample = Scan();
                _sampledAt = now;
            }

            return _sample.GetValueOrDefault(groupId);
        }
    }

    /// <summary>Resident bytes by process group id, over every process in /proc.</summary>
    public static IReadOnlyDictionary<int, long> Scan()
    {
        var byGroup = new Dictionary<int, long>();
        foreach (var pid in Posix.AllProcessIds())
        {
            string stat;
            try
            {
                stat = File.ReadAllText($"/proc/{pid}/stat");
            }
            catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException or IOException or UnauthorizedAccessException)
            {
                continue;
            }

            // Fields after the command name, which is in parentheses and may hold spaces: fields[2] is field 5
            // (pgrp), fields[21] is field 24 (rss, in pages).
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            if (fields.Length < 22
                || !int.TryParse(fields[2], NumberStyles.Integer, CultureInfo.InvariantCulture, out var group)
                || !long.TryParse(fields[21], NumberStyles.Integer, CultureInfo.InvariantCulture, out var pages))
            {
                continue;
            }

            byGroup[group] = byGroup.GetValueOrDefault(group) + (pages * PageSize);
        }

        return byGroup;
    }
}

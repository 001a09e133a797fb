using System.Globalization;
using System.Runtime.InteropServices;

namespace Fargo.Local.Database;

/// <summary>
/// Who PostgreSQL runs as. PostgreSQL refuses to run as root, so when Fargo runs as root (CI containers do)
/// initdb, pg_ctl and postgres run as an unprivileged user through <c>setpriv</c> (util-linux, essential on
/// Debian; it execs, so the process keeps its pid): the <c>postgres</c> user when the system has one (the
/// Debian package creates it), else <c>nobody</c>. Otherwise they run as the current user.
/// </summary>
public sealed partial record ServiceUser(string Name, uint Uid, uint Gid)
{
    private static readonly string[] SetprivLocations = ["/usr/bin/setpriv", "/bin/setpriv"];

    /// <summary>The unprivileged user to run PostgreSQL as when this process is root; null when it isn't.</summary>
    public static ServiceUser? ForCurrentProcess()
    {
        if (!OperatingSystem.IsLinux() || GetEffectiveUserId() != 0)
        {
            return null;
        }

        return Find("postgres") ?? Find("nobody")
            ?? throw new PostgresUnavailableException("PostgreSQL refuses to run as root, and this system has neither a 'postgres' nor a 'nobody' user to run it as. Create one (useradd --system postgres) or run Fargo as a normal user.");
    }

    /// <summary>The user of that name from /etc/passwd, or null.</summary>
    public static ServiceUser? Find(string name)
    {
        if (!File.Exists("/etc/passwd"))
        {
            return null;
        }

        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 4 && fields[0] == name
                && uint.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var uid)
                && uint.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var gid))
            {
                return new ServiceUser(name, uid, gid);
            }
        }

        return null;
    }

    /// <summary>The setpriv program, or a typed error saying what to install.</summary>
    public static string Setpriv() =>
        SetprivLocations.FirstOrDefault(File.Exists)
        ?? throw new PostgresUnavailableException("PostgreSQL refuses to run as root, and 'setpriv' (Debian package util-linux) is not installed to run it as an unprivileged user. Install util-linux or run Fargo as a normal user.");

    /// <summary>The command line that runs <paramref name="program"/> as this user.</summary>
    public (string FileName, IReadOnlyList<string> Arguments) Wrap(string program, IReadOnlyList<string> arguments) =>
        (Setpriv(), [$"--reuid={Uid}", $"--regid={Gid}", "--init-groups", "--", program, .. arguments]);

    /// <summary>Gives a file or folder to this user (chown).</summary>
    public void Own(string path)
    {
        if (Chown(path, Uid, Gid) != 0)
        {
            throw new IOException($"chown {Name} {path} failed with errno {Marshal.GetLastPInvokeError()}");
        }
    }

    [LibraryImport("libc", EntryPoint = "geteuid")]
    private static partial uint GetEffectiveUserId();

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint owner, uint group);
}

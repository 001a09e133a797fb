using System.Net;
using System.Net.Sockets;

namespace Fargo.Local.Runtime;

/// <summary>
/// Loopback addresses of their own for what AWS serves on addresses of its own (load balancers, CloudFront
/// distributions): Linux routes all of 127.0.0.0/8 to this machine. Each kind takes its own /16 (127.N.0.0), so two
/// kinds never reach for the same address.
/// </summary>
public static class LoopbackAddresses
{
    /// <summary>
    /// The first address of 127.<paramref name="block"/>.0.1 … 127.<paramref name="block"/>.255.254 that
    /// <paramref name="held"/> does not name and on which no other program (another engine: a second worktree, a
    /// parallel test run) already serves one of <paramref name="ports"/>.
    /// </summary>
    public static string Allocate(int block, IReadOnlySet<string> held, IReadOnlyList<int> ports)
    {
        ArgumentNullException.ThrowIfNull(held);
        ArgumentNullException.ThrowIfNull(ports);
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(block, 255);
        for (var n = 1; n < 0xFFFF; n++)
        {
            var candidate = $"127.{block}.{n >> 8}.{n & 0xFF}";
            if ((n & 0xFF) == 0 || (n & 0xFF) == 0xFF || held.Contains(candidate))
            {
                continue;
            }

            var address = IPAddress.Parse(candidate);
            if (ports.All(port => IsFree(address, port)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"no loopback address is left in 127.{block}.0.0/16");
    }

    private static bool IsFree(IPAddress address, int port)
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            probe.Bind(new IPEndPoint(address, port));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}

using System.Net;
using System.Net.Sockets;

namespace Fargo.Local.Runtime;

/// <summary>
/// Hands out free loopback ports, one per port mapping of a task. The OS picks a free ephemeral port;
/// ports already promised to live tasks are never handed out again, even if their app hasn't bound yet.
/// </summary>
internal sealed class LoopbackPorts
{
    private readonly HashSet<int> _reserved = [];
    private readonly Lock _gate = new();

    public int Allocate()
    {
        lock (_gate)
        {
            for (var attempt = 0; attempt < 100; attempt++)
            {
                var port = PickFreePort();
                if (_reserved.Add(port))
                {
                    return port;
                }
            }

            throw new InvalidOperationException("no free loopback port found");
        }
    }

    /// <summary>Marks a port as taken (a task adopted after a restart keeps the port it had).</summary>
    public void Reserve(int port)
    {
        lock (_gate)
        {
            _reserved.Add(port);
        }
    }

    public void Release(int port)
    {
        lock (_gate)
        {
            _reserved.Remove(port);
        }
    }

    private static int PickFreePort()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)listener.LocalEndPoint!).Port;
    }
}

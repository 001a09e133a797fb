using System.Globalization;

namespace Fargo.Local.LoadBalancing;

/// <summary>
/// Where a load balancer's listeners are served on this machine. On AWS every load balancer has addresses of its own;
/// here each gets a loopback address of its own (127.0.0.0/8), allocated when it is created and kept in its state, so
/// that listeners on the same port in two load balancers both work. A privileged listener port (below 1024) is served
/// on 10000 + port whoever runs the engine (80 → 10080, 443 → 10443), so URLs are the same on every machine; other
/// ports are served as they are. Documented in docs/load-balancer.md.
/// </summary>
public static class LocalListenerAddressing
{
    /// <summary>The ports a new load balancer's address must have free: those of the usual listeners, 80 and 443.</summary>
    private static readonly int[] UsualPorts = [ServedPort(80), ServedPort(443)];

    /// <summary>The port a listener on <paramref name="listenerPort"/> is served on (Fargo.Config's rule).</summary>
    public static int ServedPort(int listenerPort) => Fargo.Config.Model.LocalRegionIdentity.ServedPort(listenerPort);

    /// <summary>The served port of a redirect's port ("443" → "10443"); placeholders such as #{port} are left alone.</summary>
    public static string ServedPort(string redirectPort) =>
        int.TryParse(redirectPort, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            ? ServedPort(port).ToString(CultureInfo.InvariantCulture)
            : redirectPort;

    /// <summary>
    /// The first loopback address from 127.0.0.1 up that no other load balancer of this region holds and on which
    /// another program (another engine, a second test run) does not already serve 10080 or 10443.
    /// </summary>
    public static string Allocate(IReadOnlySet<string> held) => Runtime.LoopbackAddresses.Allocate(0, held, UsualPorts);
}

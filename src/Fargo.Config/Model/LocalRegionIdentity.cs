namespace Fargo.Config.Model;

/// <summary>
/// The local region's fixed identity: the account and region the local environment's stacks are synthesized for and
/// its ARNs name. Fargo.Deploy and Fargo.Local take theirs from here.
/// </summary>
public static class LocalRegionIdentity
{
    public const string Account = "000000000000";

    public const string Region = "local";

    /// <summary>Added to a privileged listener port (below 1024) to get the port the local region serves it on.</summary>
    public const int PrivilegedPortOffset = 10000;

    /// <summary>
    /// The port a load balancer listener on <paramref name="listenerPort"/> is served on locally: 80 → 10080,
    /// 443 → 10443, whoever runs the engine, so URLs are the same on every machine; 1024 and up as they are.
    /// </summary>
    public static int ServedPort(int listenerPort) =>
        listenerPort is > 0 and < 1024 ? PrivilegedPortOffset + listenerPort : listenerPort;
}

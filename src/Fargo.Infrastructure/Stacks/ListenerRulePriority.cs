namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// The priority of a service's rule on the environment's listener: a stable function of the service name
/// (FNV-1a), so that services sharing a load balancer get distinct priorities without coordination.
/// </summary>
internal static class ListenerRulePriority
{
    private const int MaxPriority = 50_000;

    public static int For(string serviceName)
    {
        var hash = 2166136261u;
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(serviceName))
        {
            hash = unchecked((hash ^ b) * 16777619u);
        }

        return (int)(hash % MaxPriority) + 1;
    }
}

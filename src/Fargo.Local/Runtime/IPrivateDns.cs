namespace Fargo.Local.Runtime;

/// <summary>
/// The names a VPC's private DNS answers (Cloud Map's service names): locally, the loopback address a name stands for.
/// A task's environment names such a host (PRICING_URL = http://pricing.local.fargo.internal:9090, the same value as on
/// AWS); no resolver on this machine knows it, so the runtime puts the address in its place when it starts the task.
/// </summary>
public interface IPrivateDns
{
    /// <summary>The address <paramref name="hostName"/> answers at, or null when it is no private name.</summary>
    string? Resolve(string hostName);
}

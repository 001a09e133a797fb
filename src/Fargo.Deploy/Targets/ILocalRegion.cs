namespace Fargo.Deploy.Targets;

/// <summary>
/// The local region as Fargo.Deploy needs it: running, and reachable. Fargo.Deploy does not depend on Fargo.Local
/// (the engine); the CLI implements this with the engine's own API, which starts the engine on demand.
/// </summary>
public interface ILocalRegion
{
    /// <summary>Starts the engine when it is not running, and says where it listens and which key signs for it.</summary>
    Task<LocalRegionAccess> EnsureRunningAsync(CancellationToken cancellationToken);
}

/// <summary>The local region's endpoint and its key pair. <see cref="ToString"/> never shows the secret.</summary>
public sealed record LocalRegionAccess(Uri Endpoint, string AccessKeyId, string SecretAccessKey)
{
    public override string ToString() => $"LocalRegionAccess {{ Endpoint = {Endpoint}, AccessKeyId = {AccessKeyId}, SecretAccessKey = *** }}";
}

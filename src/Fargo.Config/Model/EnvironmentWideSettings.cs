using System.Globalization;

namespace Fargo.Config.Model;

/// <summary>
/// The settings that belong to an environment, not to a service: what the environment stack (fargo-&lt;env&gt;, shared by
/// every service deployed there) is made of. Every service's fargo.toml states them, and they must agree: the environment
/// records the ones it was made with, and a file that disagrees is refused before anything changes. The environment stack
/// reads its settings through this type only, so nothing a service alone decides can leak into what all services share.
/// </summary>
public sealed record EnvironmentWideSettings(
    bool Public,
    string? Domain,
    string? HostedZone,
    string? Certificate,
    NatMode Nat,
    string? VpcId,
    IReadOnlyList<string> Ingress,
    string? Cluster,
    int LogRetentionDays)
{
    public static EnvironmentWideSettings Of(ServiceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var network = settings.Network;
        return new EnvironmentWideSettings(
            network.Public,
            network.Domain?.TrimEnd('.'),
            network.HostedZone?.TrimEnd('.'),
            network.Certificate,
            network.Nat,
            network.VpcId,
            network.Ingress,
            network.Cluster,
            settings.Logs.RetentionDays);
    }

    /// <summary>The fargo.toml keys of the environment-wide settings.</summary>
    public static IReadOnlyList<string> Keys { get; } = [.. new EnvironmentWideSettings(true, null, null, null, NatMode.PerAz, null, NetworkSettings.None, null, 0).ByKey().Keys];

    /// <summary>Each setting under its fargo.toml key, written as in the file ("" when not set): what the environment records and compares.</summary>
    public IReadOnlyDictionary<string, string> ByKey() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["network.load_balancer"] = Public ? "public" : "internal",
        ["network.domain"] = Domain ?? "",
        ["network.hosted_zone"] = HostedZone ?? "",
        ["network.certificate"] = Certificate ?? "",
        ["network.nat"] = Nat == NatMode.SingleGateway ? "single" : "per-az",
        ["network.vpc_id"] = VpcId ?? "",
        ["network.ingress"] = string.Join(",", Ingress),
        ["network.cluster"] = Cluster ?? "",
        ["logs.retention_days"] = LogRetentionDays.ToString(CultureInfo.InvariantCulture),
    };
}

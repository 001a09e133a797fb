using System.Globalization;

namespace Fargo.Local.LoadBalancing;

/// <summary>
/// The attributes of an application load balancer, with AWS's defaults. Honoured locally:
/// idle_timeout.timeout_seconds (504 when a target stays silent that long), deletion_protection.enabled,
/// routing.http.xff_header_processing.mode and routing.http.xff_client_port.enabled; the others are
/// validated and kept.
/// </summary>
public static class LoadBalancerAttributes
{
    public const string IdleTimeout = "idle_timeout.timeout_seconds";
    public const string DeletionProtection = "deletion_protection.enabled";
    public const string XffMode = "routing.http.xff_header_processing.mode";
    public const string XffClientPort = "routing.http.xff_client_port.enabled";

    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["access_logs.s3.enabled"] = "false",
        ["access_logs.s3.bucket"] = "",
        ["access_logs.s3.prefix"] = "",
        [IdleTimeout] = "60",
        [DeletionProtection] = "false",
        ["routing.http2.enabled"] = "true",
        ["routing.http.drop_invalid_header_fields.enabled"] = "false",
        [XffClientPort] = "false",
        ["routing.http.preserve_host_header.enabled"] = "false",
        [XffMode] = "append",
        ["load_balancing.cross_zone.enabled"] = "true",
        ["routing.http.desync_mitigation_mode"] = "defensive",
        ["waf.fail_open.enabled"] = "false",
        ["routing.http.x_amzn_tls_version_and_cipher_suite.enabled"] = "false",
        ["client_keep_alive.seconds"] = "3600",
    };

    public static string? Validate(string key, string value)
    {
        if (!Defaults.ContainsKey(key))
        {
            return $"Load balancer attribute key '{key}' is not recognized";
        }

        return key switch
        {
            IdleTimeout => Integer(key, value, 1, 4000),
            "client_keep_alive.seconds" => Integer(key, value, 60, 604800),
            XffMode => OneOf(key, value, "append", "preserve", "remove"),
            "routing.http.desync_mitigation_mode" => OneOf(key, value, "monitor", "defensive", "strictest"),
            "access_logs.s3.bucket" or "access_logs.s3.prefix" => null,
            _ => OneOf(key, value, "true", "false"),
        };
    }

    private static string? Integer(string key, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? null
            : $"'{value}' is not a valid value for load balancer attribute '{key}'; it must be an integer from {min} to {max}";

    private static string? OneOf(string key, string value, params string[] allowed) =>
        Array.IndexOf(allowed, value) >= 0 ? null : $"'{value}' is not a valid value for load balancer attribute '{key}'; valid values are: {string.Join(", ", allowed)}";
}

using System.Globalization;

namespace Fargo.Local.LoadBalancing.TargetGroups;

/// <summary>
/// The attributes of an ip target group behind an ALB, with AWS's defaults, in the order
/// DescribeTargetGroupAttributes lists them. The local load balancer honours
/// deregistration_delay.timeout_seconds, load_balancing.algorithm.type and
/// target_group_health.unhealthy_state_routing.minimum_healthy_targets.count; the others are
/// validated and kept (see docs/load-balancer.md).
/// </summary>
public static class TargetGroupAttributes
{
    public const string DeregistrationDelay = "deregistration_delay.timeout_seconds";
    public const string Algorithm = "load_balancing.algorithm.type";
    public const string MinimumHealthyTargetsCount = "target_group_health.unhealthy_state_routing.minimum_healthy_targets.count";

    public static IReadOnlyDictionary<string, string> Defaults { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["stickiness.enabled"] = "false",
        [DeregistrationDelay] = "300",
        ["stickiness.app_cookie.cookie_name"] = "",
        ["stickiness.type"] = "lb_cookie",
        ["stickiness.lb_cookie.duration_seconds"] = "86400",
        ["slow_start.duration_seconds"] = "0",
        ["stickiness.app_cookie.duration_seconds"] = "86400",
        [Algorithm] = "round_robin",
        ["load_balancing.algorithm.anomaly_mitigation"] = "off",
        ["load_balancing.cross_zone.enabled"] = "use_load_balancer_configuration",
        [MinimumHealthyTargetsCount] = "1",
        ["target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage"] = "off",
        ["target_group_health.dns_failover.minimum_healthy_targets.count"] = "1",
        ["target_group_health.dns_failover.minimum_healthy_targets.percentage"] = "off",
    };

    /// <summary>The error message for a key or value ALB would refuse, or null when it is fine.</summary>
    public static string? Validate(string key, string value)
    {
        if (!Defaults.ContainsKey(key))
        {
            return $"Target group attribute key '{key}' is not recognized";
        }

        return key switch
        {
            DeregistrationDelay => Integer(key, value, 0, 3600),
            "stickiness.lb_cookie.duration_seconds" or "stickiness.app_cookie.duration_seconds" => Integer(key, value, 1, 604800),
            "slow_start.duration_seconds" => value == "0" ? null : Integer(key, value, 30, 900),
            MinimumHealthyTargetsCount or "target_group_health.dns_failover.minimum_healthy_targets.count" =>
                value == "off" && key.StartsWith("target_group_health.dns", StringComparison.Ordinal) ? null : Integer(key, value, 1, 1000),
            "stickiness.enabled" => OneOf(key, value, "true", "false"),
            "stickiness.type" => OneOf(key, value, "lb_cookie", "app_cookie"),
            Algorithm => OneOf(key, value, "round_robin", "least_outstanding_requests", "weighted_random"),
            "load_balancing.algorithm.anomaly_mitigation" => OneOf(key, value, "on", "off"),
            "load_balancing.cross_zone.enabled" => OneOf(key, value, "true", "false", "use_load_balancer_configuration"),
            "target_group_health.unhealthy_state_routing.minimum_healthy_targets.percentage" or
            "target_group_health.dns_failover.minimum_healthy_targets.percentage" => value == "off" ? null : Integer(key, value, 1, 100),
            _ => null,
        };
    }

    private static string? Integer(string key, string value, int min, int max) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number >= min && number <= max
            ? null
            : $"'{value}' is not a valid value for target group attribute '{key}'; it must be an integer from {min} to {max}";

    private static string? OneOf(string key, string value, params string[] allowed) =>
        Array.IndexOf(allowed, value) >= 0 ? null : $"'{value}' is not a valid value for target group attribute '{key}'; valid values are: {string.Join(", ", allowed)}";
}

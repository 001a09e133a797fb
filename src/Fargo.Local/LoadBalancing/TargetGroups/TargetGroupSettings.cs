using System.Globalization;
using Fargo.Local.LoadBalancing.Model;

namespace Fargo.Local.LoadBalancing.TargetGroups;

public enum LoadBalancingAlgorithm
{
    RoundRobin,
    LeastOutstandingRequests,
    WeightedRandom,
}

/// <summary>A target group's record compiled for the data plane and the health checker (durations already scaled).</summary>
internal sealed record TargetGroupSettings(
    string Arn,
    bool UseTls,
    bool Http2,
    HealthCheckRecord HealthCheck,
    StatusCodeMatcher Matcher,
    TimeSpan HealthCheckInterval,
    TimeSpan HealthCheckTimeout,
    TimeSpan DeregistrationDelay,
    LoadBalancingAlgorithm Algorithm,
    int MinimumHealthyTargets)
{
    public static TargetGroupSettings From(TargetGroupRecord record, LoadBalancerOptions options)
    {
        var attributes = record.Attributes;
        return new TargetGroupSettings(
            record.Arn,
            record.Protocol == "HTTPS",
            record.ProtocolVersion == "HTTP2",
            record.HealthCheck,
            StatusCodeMatcher.TryParse(record.HealthCheck.Matcher) ?? throw new InvalidOperationException($"stored matcher '{record.HealthCheck.Matcher}' is invalid"),
            options.ScaledSeconds(record.HealthCheck.IntervalSeconds),
            options.ScaledSeconds(record.HealthCheck.TimeoutSeconds),
            options.ScaledSeconds(Number(attributes, TargetGroupAttributes.DeregistrationDelay)),
            attributes.GetValueOrDefault(TargetGroupAttributes.Algorithm) switch
            {
                "least_outstanding_requests" => LoadBalancingAlgorithm.LeastOutstandingRequests,
                "weighted_random" => LoadBalancingAlgorithm.WeightedRandom,
                _ => LoadBalancingAlgorithm.RoundRobin,
            },
            Number(attributes, TargetGroupAttributes.MinimumHealthyTargetsCount));
    }

    private static int Number(Dictionary<string, string> attributes, string key) =>
        int.Parse(attributes.GetValueOrDefault(key) ?? TargetGroupAttributes.Defaults[key], CultureInfo.InvariantCulture);
}

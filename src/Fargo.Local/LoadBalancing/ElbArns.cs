using System.Globalization;
using System.Security.Cryptography;

namespace Fargo.Local.LoadBalancing;

/// <summary>
/// ELBv2's resource names in AWS's format, with region <c>local</c> and account 000000000000:
/// <c>…:loadbalancer/app/NAME/ID</c>, <c>…:targetgroup/NAME/ID</c>, <c>…:listener/app/LB/LBID/ID</c> and
/// <c>…:listener-rule/app/LB/LBID/LISTENERID/ID</c>, each ID 16 hex digits as on AWS.
/// </summary>
public static class ElbArns
{
    private const string Prefix = "arn:" + LocalRegionConstants.Partition + ":elasticloadbalancing:" + LocalRegionConstants.Region + ":" + LocalRegionConstants.Account + ":";

    /// <summary>The DNS suffix of local load balancers; <c>*.localhost</c> resolves to loopback on common resolvers.</summary>
    public const string DnsSuffix = LocalRegionConstants.Region + ".elb.localhost";

    /// <summary>A hosted zone id for alias records, as DescribeLoadBalancers shows one (local, never resolvable on AWS).</summary>
    public const string CanonicalHostedZoneId = "ZLOCALELB000000";

    public static string NewId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    public static string LoadBalancer(string name, string id) => $"{Prefix}loadbalancer/app/{name}/{id}";

    public static string TargetGroup(string name, string id) => $"{Prefix}targetgroup/{name}/{id}";

    /// <summary>A listener's ARN: the load balancer's ARN with "listener" for "loadbalancer", plus the listener's id.</summary>
    public static string Listener(string loadBalancerArn, string id) =>
        Prefix + "listener/" + ResourceTail(loadBalancerArn, "loadbalancer/") + "/" + id;

    public static string Rule(string listenerArn, string id) =>
        Prefix + "listener-rule/" + ResourceTail(listenerArn, "listener/") + "/" + id;

    /// <summary>The DNS name of a load balancer: NAME-NUMBER.local.elb.localhost, like AWS's NAME-NUMBER.REGION.elb.amazonaws.com.</summary>
    public static string DnsName(string name, string id) =>
        $"{name}-{(ulong.Parse(id, NumberStyles.HexNumber, CultureInfo.InvariantCulture) % 10_000_000_000UL).ToString(CultureInfo.InvariantCulture)}.{DnsSuffix}".ToLowerInvariant();

    private static string ResourceTail(string arn, string resource)
    {
        var at = arn.IndexOf(":" + resource, StringComparison.Ordinal);
        return at < 0 ? throw new ArgumentException($"'{arn}' is not a {resource.TrimEnd('/')} ARN", nameof(arn)) : arn[(at + 1 + resource.Length)..];
    }
}

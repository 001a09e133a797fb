using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.Wire;

namespace Fargo.Local.LoadBalancing;

// Tags of load balancers, target groups, listeners and rules (AddTags, RemoveTags, DescribeTags), and a load
// balancer's subnets, security groups and IP address type. The last three are kept and described: locally every load
// balancer is on its own loopback address whatever they say.
public sealed partial class ElbControlPlane
{
    private const int MaxTags = 50;

    public AddTagsResponse AddTags(AddTagsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var duplicate = request.Tags.GroupBy(t => t.Key, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new Api.LocalServiceException("DuplicateTagKeys", $"Tag key '{duplicate.Key}' is duplicated");
        }

        return Locked(() =>
        {
            var change = new LoadBalancerChange();
            foreach (var arn in request.ResourceArns)
            {
                var tagged = Tagged(arn);
                var merged = tagged.Tags.Where(t => !request.Tags.Any(n => n.Key == t.Key)).Concat(request.Tags).ToList();
                if (merged.Count > MaxTags)
                {
                    throw new Api.LocalServiceException("TooManyTags", $"The quota for the number of tags that can be assigned to a load balancer has been reached ({MaxTags})");
                }

                tagged.Set(merged, change);
            }

            _store.Apply(change);
            return new AddTagsResponse();
        });
    }

    public RemoveTagsResponse RemoveTags(RemoveTagsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var change = new LoadBalancerChange();
            foreach (var arn in request.ResourceArns)
            {
                var tagged = Tagged(arn);
                tagged.Set([.. tagged.Tags.Where(t => !request.TagKeys.Contains(t.Key))], change);
            }

            _store.Apply(change);
            return new RemoveTagsResponse();
        });
    }

    public DescribeTagsResponse DescribeTags(DescribeTagsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() => new DescribeTagsResponse
        {
            TagDescriptions = [.. request.ResourceArns.Select(arn => new TagDescription { ResourceArn = arn, Tags = Tagged(arn).Tags })],
        });
    }

    public SetSubnetsResponse SetSubnets(SetSubnetsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var subnets = request.Subnets ?? request.SubnetMappings?.Select(m => m.SubnetId ?? "").ToList()
            ?? throw ElbErrors.Validation("You must specify subnets or subnet mappings");
        if (subnets.Count < 2)
        {
            throw ElbErrors.Validation("At least two subnets in two different Availability Zones must be specified");
        }

        return Locked(() =>
        {
            var record = RequireLoadBalancer(request.LoadBalancerArn);
            record.Subnets = subnets;
            if (request.IpAddressType is { } type)
            {
                record.IpAddressType = CheckIpAddressType(type.Value);
            }

            Persist(record);
            var wire = ToWire(record);
            return new SetSubnetsResponse { AvailabilityZones = wire.AvailabilityZones, IpAddressType = wire.IpAddressType };
        });
    }

    public SetSecurityGroupsResponse SetSecurityGroups(SetSecurityGroupsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var record = RequireLoadBalancer(request.LoadBalancerArn);
            record.SecurityGroups = request.SecurityGroups;
            Persist(record);
            return new SetSecurityGroupsResponse { SecurityGroupIds = record.SecurityGroups, EnforceSecurityGroupInboundRulesOnPrivateLinkTraffic = "on" };
        });
    }

    public SetIpAddressTypeResponse SetIpAddressType(SetIpAddressTypeRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var type = CheckIpAddressType(request.IpAddressType.Value);
        return Locked(() =>
        {
            var record = RequireLoadBalancer(request.LoadBalancerArn);
            record.IpAddressType = type;
            Persist(record);
            return new SetIpAddressTypeResponse { IpAddressType = IpAddressType.FromWire(type) };
        });
    }

    private static string CheckIpAddressType(string type) =>
        type is "ipv4" or "dualstack" or "dualstack-without-public-ipv4"
            ? type
            : throw ElbErrors.Validation($"1 validation error detected: Value '{type}' at 'ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack, dualstack-without-public-ipv4]");

    private LoadBalancerRecord RequireLoadBalancer(string arn) =>
        _loadBalancers.TryGetValue(arn, out var record) ? record : throw ElbErrors.LoadBalancerNotFound();

    private void Persist(LoadBalancerRecord record)
    {
        var change = new LoadBalancerChange();
        change.PutLoadBalancers.Add(record);
        _store.Apply(change);
    }

    /// <summary>A resource that carries tags, found by its ARN, with the change that keeps new tags.</summary>
    private TaggedResource Tagged(string arn)
    {
        if (_loadBalancers.TryGetValue(arn, out var balancer))
        {
            return new TaggedResource(balancer.Tags, (tags, change) => { balancer.Tags = tags; change.PutLoadBalancers.Add(balancer); });
        }

        if (FindGroup(arn) is { } group)
        {
            return new TaggedResource(group.Record.Tags, (tags, change) => { group.Record.Tags = tags; change.PutTargetGroups.Add(group.Record); });
        }

        if (_listeners.TryGetValue(arn, out var listener))
        {
            return new TaggedResource(listener.Record.Tags, (tags, change) => { listener.Record.Tags = tags; change.PutListeners.Add(listener.Record); });
        }

        if (_rules.TryGetValue(arn, out var rule))
        {
            return new TaggedResource(rule.Tags, (tags, change) => { rule.Tags = tags; change.PutRules.Add(rule); });
        }

        throw arn.Contains(":targetgroup/", StringComparison.Ordinal) ? ElbErrors.TargetGroupNotFound()
            : arn.Contains(":listener-rule/", StringComparison.Ordinal) ? ElbErrors.RuleNotFound()
            : arn.Contains(":listener/", StringComparison.Ordinal) ? ElbErrors.ListenerNotFound()
            : ElbErrors.LoadBalancerNotFound();
    }

    private sealed record TaggedResource(IReadOnlyList<Tag> Tags, Action<IReadOnlyList<Tag>, LoadBalancerChange> Set);
}

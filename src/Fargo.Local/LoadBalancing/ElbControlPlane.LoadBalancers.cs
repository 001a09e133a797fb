using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.Wire;

namespace Fargo.Local.LoadBalancing;

// Load balancers: CreateLoadBalancer (idempotent by name, as on AWS), DescribeLoadBalancers,
// DeleteLoadBalancer (takes its listeners and rules along), and the load balancer attributes.
public sealed partial class ElbControlPlane
{
    public CreateLoadBalancerResponse CreateLoadBalancer(CreateLoadBalancerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        ValidateName(request.Name, "Load balancer");
        if (request.Type is { } type && type.Value != "application")
        {
            throw ElbErrors.Validation($"The local region runs application load balancers only; load balancer type '{type}' is not available");
        }

        var scheme = request.Scheme?.Value ?? "internet-facing";
        if (scheme is not ("internet-facing" or "internal"))
        {
            throw ElbErrors.Validation($"1 validation error detected: Value '{scheme}' at 'scheme' failed to satisfy constraint: Member must satisfy enum value set: [internet-facing, internal]");
        }

        var addressType = request.IpAddressType?.Value ?? "ipv4";
        if (addressType is not ("ipv4" or "dualstack" or "dualstack-without-public-ipv4"))
        {
            throw ElbErrors.Validation($"1 validation error detected: Value '{addressType}' at 'ipAddressType' failed to satisfy constraint: Member must satisfy enum value set: [ipv4, dualstack, dualstack-without-public-ipv4]");
        }

        var subnets = request.Subnets ?? request.SubnetMappings?.Select(m => m.SubnetId ?? "").ToList() ?? [];
        return Locked(() =>
        {
            var existing = _loadBalancers.Values.FirstOrDefault(b => b.Name == request.Name);
            if (existing is not null)
            {
                return existing.Scheme == scheme && existing.IpAddressType == addressType
                    ? new CreateLoadBalancerResponse { LoadBalancers = [ToWire(existing)] }
                    : throw ElbErrors.DuplicateLoadBalancerName(request.Name);
            }

            var id = ElbArns.NewId();
            var record = new LoadBalancerRecord
            {
                Arn = ElbArns.LoadBalancer(request.Name, id),
                Name = request.Name,
                DnsName = (scheme == "internal" ? "internal-" : "") + ElbArns.DnsName(request.Name, id),
                CreatedTime = Now,
                Scheme = scheme,
                IpAddressType = addressType,
                Address = LocalListenerAddressing.Allocate(HeldAddresses()),
                Subnets = subnets,
                SecurityGroups = request.SecurityGroups ?? [],
                Tags = request.Tags ?? [],
                Attributes = new Dictionary<string, string>(LoadBalancerAttributes.Defaults, StringComparer.Ordinal),
            };
            var change = new LoadBalancerChange();
            change.PutLoadBalancers.Add(record);
            _store.Apply(change);
            _loadBalancers[record.Arn] = record;
            return new CreateLoadBalancerResponse { LoadBalancers = [ToWire(record)] };
        });
    }

    public DescribeLoadBalancersResponse DescribeLoadBalancers(DescribeLoadBalancersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.LoadBalancerArns is { Count: > 0 } && request.Names is { Count: > 0 })
        {
            throw ElbErrors.Validation("Load balancer names and load balancer ARNs cannot be specified at the same time");
        }

        return Locked(() =>
        {
            List<LoadBalancerRecord> found;
            if (request.LoadBalancerArns is { Count: > 0 } arns)
            {
                found = arns.Select(a => _loadBalancers.GetValueOrDefault(a) ?? throw ElbErrors.LoadBalancerNotFound()).ToList();
            }
            else if (request.Names is { Count: > 0 } names)
            {
                found = names.Select(n => _loadBalancers.Values.FirstOrDefault(b => b.Name == n) ?? throw ElbErrors.LoadBalancerNotFound()).ToList();
            }
            else
            {
                found = [.. _loadBalancers.Values.OrderBy(b => b.CreatedTime)];
            }

            var (page, next) = Page(found, request.Marker, request.PageSize);
            return new DescribeLoadBalancersResponse { LoadBalancers = page.Select(ToWire).ToList(), NextMarker = next };
        });
    }

    /// <summary>Deletes a load balancer with its listeners and rules; deleting one that is gone succeeds, as on AWS.</summary>
    public Task<DeleteLoadBalancerResponse> DeleteLoadBalancerAsync(DeleteLoadBalancerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LockedAsync(async () =>
        {
            if (!_loadBalancers.TryGetValue(request.LoadBalancerArn, out var record))
            {
                return new DeleteLoadBalancerResponse();
            }

            if (record.Attributes.GetValueOrDefault(LoadBalancerAttributes.DeletionProtection) == "true")
            {
                throw ElbErrors.OperationNotPermitted($"Load balancer '{record.Arn}' cannot be deleted because deletion protection is enabled");
            }

            var change = new LoadBalancerChange();
            change.DeleteLoadBalancers.Add(record.Arn);
            var listeners = _listeners.Values.Where(l => l.Record.LoadBalancerArn == record.Arn).ToList();
            foreach (var listener in listeners)
            {
                change.DeleteListeners.Add(listener.Record.Arn);
                change.DeleteRules.AddRange(_rules.Values.Where(r => r.ListenerArn == listener.Record.Arn).Select(r => r.Arn));
            }

            _store.Apply(change);
            _loadBalancers.Remove(record.Arn);
            foreach (var listener in listeners)
            {
                await RemoveListenerAsync(listener).ConfigureAwait(false);
            }

            UpdateGroupUse();
            return new DeleteLoadBalancerResponse();
        }, cancellationToken);
    }

    public DescribeLoadBalancerAttributesResponse DescribeLoadBalancerAttributes(DescribeLoadBalancerAttributesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var record = _loadBalancers.GetValueOrDefault(request.LoadBalancerArn) ?? throw ElbErrors.LoadBalancerNotFound();
            return new DescribeLoadBalancerAttributesResponse { Attributes = AttributesOf(record) };
        });
    }

    public ModifyLoadBalancerAttributesResponse ModifyLoadBalancerAttributes(ModifyLoadBalancerAttributesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var attribute in request.Attributes)
        {
            if (LoadBalancerAttributes.Validate(attribute.Key ?? "", attribute.Value ?? "") is { } problem)
            {
                throw ElbErrors.Validation(problem);
            }
        }

        return Locked(() =>
        {
            var record = _loadBalancers.GetValueOrDefault(request.LoadBalancerArn) ?? throw ElbErrors.LoadBalancerNotFound();
            var updated = new Dictionary<string, string>(record.Attributes, StringComparer.Ordinal);
            foreach (var attribute in request.Attributes)
            {
                updated[attribute.Key!] = attribute.Value ?? "";
            }

            var change = new LoadBalancerChange();
            var replacement = Copy(record, record.Address, updated);
            change.PutLoadBalancers.Add(replacement);
            _store.Apply(change);
            _loadBalancers[record.Arn] = replacement;
            RebuildRoutes(l => l.Record.LoadBalancerArn == record.Arn);
            return new ModifyLoadBalancerAttributesResponse { Attributes = AttributesOf(replacement) };
        });
    }

    private static List<LoadBalancerAttribute> AttributesOf(LoadBalancerRecord record) =>
        LoadBalancerAttributes.Defaults.Keys
            .Select(key => new LoadBalancerAttribute { Key = key, Value = record.Attributes.GetValueOrDefault(key) ?? LoadBalancerAttributes.Defaults[key] })
            .ToList();

    private static LoadBalancer ToWire(LoadBalancerRecord record) => new()
    {
        LoadBalancerArn = record.Arn,
        DNSName = record.DnsName,
        CanonicalHostedZoneId = ElbArns.CanonicalHostedZoneId,
        CreatedTime = record.CreatedTime,
        LoadBalancerName = record.Name,
        Scheme = LoadBalancerScheme.FromWire(record.Scheme),
        VpcId = LocalVpcId,
        State = new LoadBalancerState { Code = LoadBalancerStateCode.Active },
        Type = LoadBalancerType.FromWire("application"),
        // A load balancer made without subnets (the local region has no VPC to ask for them) still shows its zone and address.
        AvailabilityZones = (record.Subnets.Count > 0 ? record.Subnets.Cast<string?>() : new string?[] { null }).Select((subnet, i) => new AvailabilityZone
        {
            ZoneName = LocalRegionConstants.Region + (char)('a' + (i % 26)),
            SubnetId = subnet,
            // Where its listeners are served on this machine, shaped as AWS shows a load balancer's own addresses.
            LoadBalancerAddresses = record.Address is { } address ? [new LoadBalancerAddress { IpAddress = address }] : [],
        }).ToList(),
        SecurityGroups = record.SecurityGroups,
        IpAddressType = IpAddressType.FromWire(record.IpAddressType),
    };

    /// <summary>A load balancer record with another address or attributes (the rest as it is).</summary>
    private static LoadBalancerRecord Copy(LoadBalancerRecord record, string? address, Dictionary<string, string> attributes) => new()
    {
        Arn = record.Arn,
        Name = record.Name,
        DnsName = record.DnsName,
        CreatedTime = record.CreatedTime,
        Scheme = record.Scheme,
        IpAddressType = record.IpAddressType,
        Address = address,
        Subnets = record.Subnets,
        SecurityGroups = record.SecurityGroups,
        Tags = record.Tags,
        Attributes = attributes,
    };

    private HashSet<string> HeldAddresses() => [.. _loadBalancers.Values.Select(b => b.Address).OfType<string>()];

    /// <summary>The local region has one network, loopback; this is its VPC id wherever AWS shows one.</summary>
    public const string LocalVpcId = "vpc-local";
}

using System.Globalization;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.TargetGroups;

namespace Fargo.Local.LoadBalancing;

// Target groups (type ip): CreateTargetGroup with ALB's defaults and ranges, DescribeTargetGroups,
// DeleteTargetGroup (refused while a listener or rule forwards to it), and the target group attributes.
public sealed partial class ElbControlPlane
{
    public CreateTargetGroupResponse CreateTargetGroup(CreateTargetGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var record = NewTargetGroupRecord(request);
        return Locked(() =>
        {
            var existing = _groups.Values.FirstOrDefault(g => g.Record.Name == request.Name);
            if (existing is not null)
            {
                return SameSettings(existing.Record, record)
                    ? new CreateTargetGroupResponse { TargetGroups = [ToWire(existing.Record)] }
                    : throw ElbErrors.DuplicateTargetGroupName(request.Name);
            }

            var change = new LoadBalancerChange();
            change.PutTargetGroups.Add(record);
            _store.Apply(change);
            _groups[record.Arn] = NewGroupRuntime(record);
            return new CreateTargetGroupResponse { TargetGroups = [ToWire(record)] };
        });
    }

    public DescribeTargetGroupsResponse DescribeTargetGroups(DescribeTargetGroupsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            IEnumerable<TargetGroupRuntime> found;
            if (request.TargetGroupArns is { Count: > 0 } arns)
            {
                found = arns.Select(RequireGroup).ToList();
            }
            else if (request.Names is { Count: > 0 } names)
            {
                found = names.Select(n => _groups.Values.FirstOrDefault(g => g.Record.Name == n) ?? throw ElbErrors.TargetGroupNotFound()).ToList();
            }
            else
            {
                found = _groups.Values.OrderBy(g => g.Record.Name, StringComparer.Ordinal);
            }

            if (request.LoadBalancerArn is { } balancer)
            {
                if (!_loadBalancers.ContainsKey(balancer))
                {
                    throw ElbErrors.LoadBalancerNotFound();
                }

                var used = LoadBalancersByGroup();
                found = found.Where(g => used.TryGetValue(g.Arn, out var set) && set.Contains(balancer));
            }

            var (page, next) = Page(found.Select(g => g.Record).ToList(), request.Marker, request.PageSize);
            return new DescribeTargetGroupsResponse { TargetGroups = page.Select(ToWire).ToList(), NextMarker = next };
        });
    }

    /// <summary>Deletes a target group; one that is gone succeeds, one in use answers ResourceInUse, as on AWS.</summary>
    public DeleteTargetGroupResponse DeleteTargetGroup(DeleteTargetGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            if (!_groups.TryGetValue(request.TargetGroupArn, out var group))
            {
                return new DeleteTargetGroupResponse();
            }

            if (LoadBalancersByGroup().ContainsKey(group.Arn))
            {
                throw ElbErrors.ResourceInUse($"Target group '{group.Arn}' is currently in use by a listener or a rule");
            }

            var change = new LoadBalancerChange();
            change.DeleteTargetGroups.Add(group.Arn);
            change.DeleteTargets.AddRange(group.Entries().Select(e => e.Record.Key));
            _store.Apply(change);
            _groups.Remove(group.Arn);
            group.Dispose();
            return new DeleteTargetGroupResponse();
        });
    }

    public DescribeTargetGroupAttributesResponse DescribeTargetGroupAttributes(DescribeTargetGroupAttributesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() => new DescribeTargetGroupAttributesResponse { Attributes = AttributesOf(RequireGroup(request.TargetGroupArn).Record) });
    }

    public ModifyTargetGroupAttributesResponse ModifyTargetGroupAttributes(ModifyTargetGroupAttributesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        foreach (var attribute in request.Attributes)
        {
            if (TargetGroupAttributes.Validate(attribute.Key ?? "", attribute.Value ?? "") is { } problem)
            {
                throw ElbErrors.Validation(problem);
            }
        }

        return Locked(() =>
        {
            var group = RequireGroup(request.TargetGroupArn);
            var old = group.Record;
            var attributes = new Dictionary<string, string>(old.Attributes, StringComparer.Ordinal);
            foreach (var attribute in request.Attributes)
            {
                attributes[attribute.Key!] = attribute.Value ?? "";
            }

            var record = new TargetGroupRecord
            {
                Arn = old.Arn,
                Name = old.Name,
                Protocol = old.Protocol,
                ProtocolVersion = old.ProtocolVersion,
                Port = old.Port,
                VpcId = old.VpcId,
                TargetType = old.TargetType,
                IpAddressType = old.IpAddressType,
                HealthCheck = old.HealthCheck,
                Attributes = attributes,
                Tags = old.Tags,
            };
            var change = new LoadBalancerChange();
            change.PutTargetGroups.Add(record);
            _store.Apply(change);
            group.Record = record;
            group.Settings = TargetGroupSettings.From(record, _options);
            return new ModifyTargetGroupAttributesResponse { Attributes = AttributesOf(record) };
        });
    }

    private static List<TargetGroupAttribute> AttributesOf(TargetGroupRecord record) =>
        TargetGroupAttributes.Defaults.Keys
            .Select(key => new TargetGroupAttribute { Key = key, Value = record.Attributes.GetValueOrDefault(key) ?? TargetGroupAttributes.Defaults[key] })
            .ToList();

    private static TargetGroupRecord NewTargetGroupRecord(CreateTargetGroupRequest request)
    {
        ValidateName(request.Name, "Target group");
        var targetType = request.TargetType?.Value;
        if (targetType != "ip")
        {
            throw ElbErrors.Validation(targetType is null
                ? "The local region runs target groups of type 'ip' only (tasks are addresses on loopback); specify TargetType 'ip'"
                : $"The local region runs target groups of type 'ip' only; target type '{targetType}' is not available");
        }

        var protocol = request.Protocol?.Value ?? throw ElbErrors.Validation("A protocol must be specified");
        if (protocol is not ("HTTP" or "HTTPS"))
        {
            throw ElbErrors.Validation($"Protocol '{protocol}' is not valid for a target group of an application load balancer; use HTTP or HTTPS");
        }

        var protocolVersion = request.ProtocolVersion ?? "HTTP1";
        if (protocolVersion is not ("HTTP1" or "HTTP2"))
        {
            throw ElbErrors.Validation(protocolVersion == "GRPC"
                ? "The local region does not run GRPC target groups; use HTTP2 to forward HTTP/2 (gRPC included) to the targets"
                : $"Protocol version '{protocolVersion}' is not valid; use HTTP1, HTTP2 or GRPC");
        }

        var port = request.Port ?? throw ElbErrors.Validation("A port must be specified");
        if (port is < 1 or > 65535)
        {
            throw ElbErrors.OutOfRange("port", port, 1, 65535);
        }

        if (request.HealthCheckEnabled == false)
        {
            throw ElbErrors.Validation("Health checks cannot be disabled for target groups with target type 'ip'");
        }

        var interval = request.HealthCheckIntervalSeconds ?? 30;
        var timeout = request.HealthCheckTimeoutSeconds ?? 5;
        var healthy = request.HealthyThresholdCount ?? 5;
        var unhealthy = request.UnhealthyThresholdCount ?? 2;
        Range("healthCheckIntervalSeconds", interval, 5, 300);
        Range("healthCheckTimeoutSeconds", timeout, 2, 120);
        Range("healthyThresholdCount", healthy, 2, 10);
        Range("unhealthyThresholdCount", unhealthy, 2, 10);
        if (timeout >= interval)
        {
            throw ElbErrors.Validation($"Health check timeout '{timeout}' must be smaller than the interval '{interval}'");
        }

        var path = request.HealthCheckPath ?? "/";
        if (!path.StartsWith('/') || path.Length > 1024)
        {
            throw ElbErrors.Validation($"Health check path '{path}' must start with '/' and be at most 1024 characters long");
        }

        var checkPort = request.HealthCheckPort ?? "traffic-port";
        if (checkPort != "traffic-port" && !(int.TryParse(checkPort, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number is >= 1 and <= 65535))
        {
            throw ElbErrors.Validation($"Health check port '{checkPort}' must be 'traffic-port' or a port from 1 to 65535");
        }

        var checkProtocol = request.HealthCheckProtocol?.Value ?? protocol;
        if (checkProtocol is not ("HTTP" or "HTTPS"))
        {
            throw ElbErrors.Validation($"Health check protocol '{checkProtocol}' is not valid for an application load balancer; use HTTP or HTTPS");
        }

        if (request.Matcher?.GrpcCode is not null)
        {
            throw ElbErrors.Validation("A gRPC code matcher needs a GRPC target group, which the local region does not run");
        }

        var matcher = request.Matcher?.HttpCode ?? "200";
        if (StatusCodeMatcher.TryParse(matcher) is null)
        {
            throw ElbErrors.Validation($"Health check matcher HTTP code '{matcher}' must be one or more values from 200 to 499, as a list (200,202) or a range (200-299)");
        }

        var addressType = request.IpAddressType?.Value ?? "ipv4";
        return new TargetGroupRecord
        {
            Arn = ElbArns.TargetGroup(request.Name, ElbArns.NewId()),
            Name = request.Name,
            Protocol = protocol,
            ProtocolVersion = protocolVersion,
            Port = port,
            VpcId = request.VpcId,
            TargetType = targetType,
            IpAddressType = addressType,
            HealthCheck = new HealthCheckRecord
            {
                Protocol = checkProtocol,
                Port = checkPort,
                Path = path,
                IntervalSeconds = interval,
                TimeoutSeconds = timeout,
                HealthyThresholdCount = healthy,
                UnhealthyThresholdCount = unhealthy,
                Matcher = matcher,
            },
            Attributes = new Dictionary<string, string>(TargetGroupAttributes.Defaults, StringComparer.Ordinal),
            Tags = request.Tags ?? [],
        };
    }

    private static void Range(string member, int value, int min, int max)
    {
        if (value < min || value > max)
        {
            throw ElbErrors.OutOfRange(member, value, min, max);
        }
    }

    private static bool SameSettings(TargetGroupRecord a, TargetGroupRecord b) =>
        a.Protocol == b.Protocol && a.ProtocolVersion == b.ProtocolVersion && a.Port == b.Port && a.VpcId == b.VpcId
        && a.TargetType == b.TargetType && a.HealthCheck == b.HealthCheck;

    private TargetGroup ToWire(TargetGroupRecord record)
    {
        var check = record.HealthCheck;
        return new TargetGroup
        {
            TargetGroupArn = record.Arn,
            TargetGroupName = record.Name,
            Protocol = ProtocolName.FromWire(record.Protocol),
            Port = record.Port,
            VpcId = record.VpcId,
            HealthCheckProtocol = ProtocolName.FromWire(check.Protocol),
            HealthCheckPort = check.Port,
            HealthCheckEnabled = true,
            HealthCheckIntervalSeconds = check.IntervalSeconds,
            HealthCheckTimeoutSeconds = check.TimeoutSeconds,
            HealthyThresholdCount = check.HealthyThresholdCount,
            UnhealthyThresholdCount = check.UnhealthyThresholdCount,
            HealthCheckPath = check.Path,
            Matcher = new Matcher { HttpCode = check.Matcher },
            LoadBalancerArns = LoadBalancersByGroup().TryGetValue(record.Arn, out var balancers) ? [.. balancers.Order(StringComparer.Ordinal)] : [],
            TargetType = TargetType.FromWire(record.TargetType),
            ProtocolVersion = record.ProtocolVersion,
            IpAddressType = TargetGroupIpAddressType.FromWire(record.IpAddressType),
        };
    }
}

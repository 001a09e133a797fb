using System.Globalization;
using System.Net;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.TargetGroups;

namespace Fargo.Local.LoadBalancing;

// Targets: registration, deregistration with its delay, health; for the API and for ECS services.
public sealed partial class ElbControlPlane
{
    public RegisterTargetsResponse RegisterTargets(RegisterTargetsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var group = RequireGroup(request.TargetGroupArn);
            Register(group, request.Targets.Select(t => Endpoint(group, t)).ToList());
            return new RegisterTargetsResponse();
        });
    }

    public DeregisterTargetsResponse DeregisterTargets(DeregisterTargetsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var group = RequireGroup(request.TargetGroupArn);
            var endpoints = request.Targets.Select(t => Endpoint(group, t)).ToList();
            var missing = endpoints.Where(e => group.Find(e) is null).ToList();
            if (missing.Count > 0)
            {
                throw ElbErrors.InvalidTarget($"The following targets are not registered in target group '{group.Arn}': {string.Join(", ", missing.Select(m => $"'{m.Id}:{m.Port}'"))}");
            }

            Deregister(group, endpoints);
            return new DeregisterTargetsResponse();
        });
    }

    public DescribeTargetHealthResponse DescribeTargetHealth(DescribeTargetHealthRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var group = RequireGroup(request.TargetGroupArn);
            IEnumerable<TargetHealthDescription> descriptions;
            if (request.Targets is { Count: > 0 } targets)
            {
                descriptions = targets.Select(t =>
                {
                    var endpoint = Endpoint(group, t, validate: false);
                    return Describe(group, endpoint, group.HealthOf(endpoint) ?? TargetHealthTexts.Unused(TargetHealthReason.TargetNotRegistered));
                }).ToList();
            }
            else
            {
                descriptions = group.Snapshot()
                    .OrderBy(t => t.Entry.Record.RegisteredAt)
                    .Select(t => Describe(group, t.Entry.Endpoint, t.Health))
                    .ToList();
            }

            return new DescribeTargetHealthResponse { TargetHealthDescriptions = descriptions.ToList() };
        });
    }

    // ---- ILoadBalancerTargets (ECS services) ----

    public void RegisterTargets(string targetGroupArn, IReadOnlyList<TargetEndpoint> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Locked(() =>
        {
            var group = RequireGroup(targetGroupArn);
            foreach (var target in targets)
            {
                ValidateTarget(target);
            }

            Register(group, targets);
            return 0;
        });
    }

    public void DeregisterTargets(string targetGroupArn, IReadOnlyList<TargetEndpoint> targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        Locked(() =>
        {
            Deregister(RequireGroup(targetGroupArn), targets);
            return 0;
        });
    }

    public TargetHealth GetTargetHealth(string targetGroupArn, TargetEndpoint target) =>
        Locked(() => RequireGroup(targetGroupArn).HealthOf(target) ?? TargetHealthTexts.Unused(TargetHealthReason.TargetNotRegistered));

    public bool IsDeregistrationComplete(string targetGroupArn, TargetEndpoint target) =>
        Locked(() => FindGroup(targetGroupArn)?.Find(target) is not { } entry || (entry.IsDraining && entry.Drained.IsCompleted));

    /// <summary>Waits until <see cref="IsDeregistrationComplete"/> would say true (for callers that can wait).</summary>
    public async Task WaitForDeregistrationAsync(string targetGroupArn, TargetEndpoint target, CancellationToken cancellationToken)
    {
        var entry = Locked(() => FindGroup(targetGroupArn)?.Find(target));
        if (entry is null)
        {
            return;
        }

        if (!entry.IsDraining)
        {
            throw new InvalidOperationException($"target {target} of {targetGroupArn} is not being deregistered");
        }

        await entry.Drained.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Register(TargetGroupRuntime group, IReadOnlyList<TargetEndpoint> endpoints)
    {
        var change = new LoadBalancerChange();
        var fresh = new List<TargetRecord>();
        foreach (var endpoint in endpoints.Distinct())
        {
            if (group.Find(endpoint) is { IsDraining: false })
            {
                // Registering a registered target changes nothing, as on AWS.
                continue;
            }

            var record = new TargetRecord { TargetGroupArn = group.Arn, Id = endpoint.Id, Port = endpoint.Port, RegisteredAt = Now };
            change.PutTargets.Add(record);
            fresh.Add(record);
        }

        _store.Apply(change);
        foreach (var record in fresh)
        {
            group.Register(record);
        }
    }

    private void Deregister(TargetGroupRuntime group, IReadOnlyList<TargetEndpoint> endpoints)
    {
        var now = Now;
        var change = new LoadBalancerChange();
        foreach (var endpoint in endpoints.Distinct())
        {
            if (group.Find(endpoint) is { IsDraining: false } entry)
            {
                group.Deregister(entry, now);
                change.PutTargets.Add(entry.Record);
            }
        }

        _store.Apply(change);
    }

    private static TargetEndpoint Endpoint(TargetGroupRuntime group, TargetDescription target, bool validate = true)
    {
        var endpoint = new TargetEndpoint(target.Id, target.Port ?? group.Record.Port);
        if (validate)
        {
            ValidateTarget(endpoint);
        }

        return endpoint;
    }

    /// <summary>Targets of ip groups are addresses; locally only loopback ones can be reached.</summary>
    private static void ValidateTarget(TargetEndpoint target)
    {
        if (!IPAddress.TryParse(target.Id, out var address))
        {
            throw ElbErrors.InvalidTarget($"The IP address '{target.Id}' is not a valid IPv4 or IPv6 address");
        }

        if (!IPAddress.IsLoopback(address))
        {
            throw ElbErrors.InvalidTarget($"The IP address '{target.Id}' is not within the local region's network: targets must be on loopback (127.0.0.0/8 or ::1)");
        }

        if (target.Port is < 1 or > 65535)
        {
            throw ElbErrors.OutOfRange("port", target.Port, 1, 65535);
        }
    }

    private static TargetHealthDescription Describe(TargetGroupRuntime group, TargetEndpoint endpoint, TargetHealth health) => new()
    {
        Target = new TargetDescription { Id = endpoint.Id, Port = endpoint.Port },
        HealthCheckPort = group.Record.HealthCheck.Port == "traffic-port" ? endpoint.Port.ToString(CultureInfo.InvariantCulture) : group.Record.HealthCheck.Port,
        TargetHealth = health,
    };
}

using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.Routing;
using Fargo.Local.LoadBalancing.TargetGroups;
using Fargo.Local.LoadBalancing.Wire;

namespace Fargo.Local.LoadBalancing;

// ModifyTargetGroup (health check settings), ModifyListener (actions, certificates, policy), ModifyRule and
// SetRulePriorities, with ALB's semantics: what a request leaves out stays as it was.
public sealed partial class ElbControlPlane
{
    public ModifyTargetGroupResponse ModifyTargetGroup(ModifyTargetGroupRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var group = RequireGroup(request.TargetGroupArn);
            var old = group.Record;
            var check = old.HealthCheck;
            // The same validation and defaults as CreateTargetGroup: the merged settings go through it.
            var merged = NewTargetGroupRecord(new CreateTargetGroupRequest
            {
                Name = old.Name,
                Protocol = ProtocolName.FromWire(old.Protocol),
                ProtocolVersion = old.ProtocolVersion,
                Port = old.Port,
                VpcId = old.VpcId,
                TargetType = TargetType.FromWire(old.TargetType),
                IpAddressType = TargetGroupIpAddressType.FromWire(old.IpAddressType),
                HealthCheckEnabled = request.HealthCheckEnabled,
                HealthCheckProtocol = request.HealthCheckProtocol ?? ProtocolName.FromWire(check.Protocol),
                HealthCheckPort = request.HealthCheckPort ?? check.Port,
                HealthCheckPath = request.HealthCheckPath ?? check.Path,
                HealthCheckIntervalSeconds = request.HealthCheckIntervalSeconds ?? check.IntervalSeconds,
                HealthCheckTimeoutSeconds = request.HealthCheckTimeoutSeconds ?? check.TimeoutSeconds,
                HealthyThresholdCount = request.HealthyThresholdCount ?? check.HealthyThresholdCount,
                UnhealthyThresholdCount = request.UnhealthyThresholdCount ?? check.UnhealthyThresholdCount,
                Matcher = request.Matcher ?? new Matcher { HttpCode = check.Matcher },
            });
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
                HealthCheck = merged.HealthCheck,
                Attributes = old.Attributes,
                Tags = old.Tags,
            };
            var change = new LoadBalancerChange();
            change.PutTargetGroups.Add(record);
            _store.Apply(change);
            group.Record = record;
            group.Settings = TargetGroupSettings.From(record, _options);
            return new ModifyTargetGroupResponse { TargetGroups = [ToWire(record)] };
        });
    }

    /// <summary>
    /// Changes a listener's default actions, certificates, SSL and ALPN policies. The port and protocol are the
    /// socket the listener serves; the local region does not move a live socket, so changing them is refused.
    /// </summary>
    public ModifyListenerResponse ModifyListener(ModifyListenerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var listener = _listeners.GetValueOrDefault(request.ListenerArn) ?? throw ElbErrors.ListenerNotFound();
            var old = listener.Record;
            if (request.Port is { } port && port != old.Port || request.Protocol is { } protocol && protocol.Value != old.Protocol)
            {
                throw ElbErrors.Validation("The local region cannot change the port or protocol of a listener that is serving; create a new listener instead");
            }

            var actions = request.DefaultActions is null ? old.DefaultActions : ListenerActions.Normalize(request.DefaultActions, FindGroup, "defaultActions");
            CheckAssociation(actions.SelectMany(ListenerActions.TargetGroupsOf), old.LoadBalancerArn);
            CheckCertificates(request.Certificates);
            var record = new ListenerRecord
            {
                Arn = old.Arn,
                LoadBalancerArn = old.LoadBalancerArn,
                Port = old.Port,
                Protocol = old.Protocol,
                SslPolicy = request.SslPolicy ?? old.SslPolicy,
                Certificates = request.Certificates is { Count: > 0 } certificates && old.Protocol == "HTTPS" ? certificates : old.Certificates,
                AlpnPolicy = request.AlpnPolicy ?? old.AlpnPolicy,
                DefaultActions = actions,
                Tags = old.Tags,
            };
            var change = new LoadBalancerChange();
            change.PutListeners.Add(record);
            _store.Apply(change);
            listener.Record = record;
            listener.Routes = BuildRoutes(record);
            UpdateGroupUse();
            return new ModifyListenerResponse { Listeners = [ToWire(record)] };
        });
    }

    public ModifyRuleResponse ModifyRule(ModifyRuleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Conditions is { } conditions)
        {
            if (conditions.Count is 0 or > 5)
            {
                throw ElbErrors.Validation("A rule must have from 1 to 5 conditions");
            }

            foreach (var condition in conditions)
            {
                _ = RuleConditions.Compile(condition);
            }
        }

        return Locked(() =>
        {
            var old = _rules.GetValueOrDefault(request.RuleArn) ?? throw ElbErrors.RuleNotFound();
            var listener = _listeners[old.ListenerArn];
            var actions = request.Actions is null ? old.Actions : ListenerActions.Normalize(request.Actions, FindGroup, "actions");
            CheckAssociation(actions.SelectMany(ListenerActions.TargetGroupsOf), listener.Record.LoadBalancerArn);
            var record = new RuleRecord
            {
                Arn = old.Arn,
                ListenerArn = old.ListenerArn,
                Priority = old.Priority,
                Conditions = request.Conditions ?? old.Conditions,
                Actions = actions,
                Tags = old.Tags,
            };
            return new ModifyRuleResponse { Rules = [ToWire(PutRule(record))] };
        });
    }

    public SetRulePrioritiesResponse SetRulePriorities(SetRulePrioritiesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            var changed = new List<RuleRecord>();
            foreach (var pair in request.RulePriorities)
            {
                var old = _rules.GetValueOrDefault(pair.RuleArn ?? "") ?? throw ElbErrors.RuleNotFound();
                var priority = pair.Priority ?? throw ElbErrors.MissingMember("Priority");
                Range("priority", priority, 1, 50000);
                changed.Add(new RuleRecord { Arn = old.Arn, ListenerArn = old.ListenerArn, Priority = priority, Conditions = old.Conditions, Actions = old.Actions, Tags = old.Tags });
            }

            foreach (var rule in changed)
            {
                var clash = _rules.Values.FirstOrDefault(r => r.ListenerArn == rule.ListenerArn && r.Priority == rule.Priority && r.Arn != rule.Arn && changed.All(c => c.Arn != r.Arn));
                if (clash is not null || changed.Count(c => c.ListenerArn == rule.ListenerArn && c.Priority == rule.Priority) > 1)
                {
                    throw ElbErrors.PriorityInUse(rule.Priority);
                }
            }

            return new SetRulePrioritiesResponse { Rules = changed.Select(PutRule).Select(ToWire).ToList() };
        });
    }

    private RuleRecord PutRule(RuleRecord record)
    {
        var change = new LoadBalancerChange();
        change.PutRules.Add(record);
        _store.Apply(change);
        _rules[record.Arn] = record;
        RebuildRoutes(l => l.Record.Arn == record.ListenerArn);
        UpdateGroupUse();
        return record;
    }
}

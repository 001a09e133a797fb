using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.DataPlane;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.Routing;
using Fargo.Local.LoadBalancing.Wire;

namespace Fargo.Local.LoadBalancing;

// Listeners (each a real socket on its load balancer's loopback address, see LocalListenerAddressing) and their rules.
public sealed partial class ElbControlPlane
{
    /// <summary>ALB's default security policy for HTTPS listeners created without one.</summary>
    public const string DefaultSslPolicy = "ELBSecurityPolicy-2016-08";

    /// <summary>
    /// Creates a listener and starts listening on its load balancer's loopback address and its served port (0: any
    /// free port, which DescribeListeners then shows). HTTPS listeners use the local development certificate.
    /// </summary>
    public Task<CreateListenerResponse> CreateListenerAsync(CreateListenerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var protocol = request.Protocol?.Value ?? throw ElbErrors.Validation("A protocol must be specified");
        if (protocol is not ("HTTP" or "HTTPS"))
        {
            throw ElbErrors.Validation($"The protocol '{protocol}' is not supported by application load balancers; use HTTP or HTTPS");
        }

        var port = request.Port ?? throw ElbErrors.Validation("A port must be specified");
        if (port is < 0 or > 65535)
        {
            throw ElbErrors.OutOfRange("port", port, 1, 65535);
        }

        if (protocol == "HTTP" && request.Certificates is { Count: > 0 })
        {
            throw ElbErrors.Validation("Certificates cannot be specified for HTTP listeners");
        }

        CheckCertificates(request.Certificates);
        return LockedAsync(async () =>
        {
            var balancer = _loadBalancers.GetValueOrDefault(request.LoadBalancerArn) ?? throw ElbErrors.LoadBalancerNotFound();
            // Another load balancer's listener on the same port is fine: it has an address of its own.
            if (port != 0 && _listeners.Values.Any(l => l.Record.Port == port && l.Record.LoadBalancerArn == balancer.Arn))
            {
                throw ElbErrors.DuplicateListener();
            }

            var actions = ListenerActions.Normalize(request.DefaultActions, FindGroup, "defaultActions");
            CheckAssociation(actions.SelectMany(ListenerActions.TargetGroupsOf), balancer.Arn);
            var record = new ListenerRecord
            {
                Arn = ElbArns.Listener(balancer.Arn, ElbArns.NewId()),
                LoadBalancerArn = balancer.Arn,
                Port = port,
                Protocol = protocol,
                SslPolicy = protocol == "HTTPS" ? request.SslPolicy ?? DefaultSslPolicy : null,
                Certificates = protocol == "HTTPS"
                    ? request.Certificates is { Count: > 0 } given ? given : [new Certificate { CertificateArn = DevelopmentCertificate.LocalCertificateArn }]
                    : null,
                AlpnPolicy = request.AlpnPolicy,
                DefaultActions = actions,
                Tags = request.Tags ?? [],
            };
            var listener = new ListenerRuntime(record, BuildRoutes(record));
            for (var attempt = 1; listener.Server is null; attempt++)
            {
                try
                {
                    listener.Server = await StartServerAsync(listener, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e) when (IsAddressInUse(e) && attempt < MaxAddressAttempts && !_listeners.Values.Any(l => l.Record.LoadBalancerArn == balancer.Arn))
                {
                    // Another program (a second engine) took the port on this address after it was allocated. Nothing
                    // is served on it yet, so the load balancer moves to the next free address instead of failing.
                    balancer = MoveToFreeAddress(balancer);
                }
                catch (IOException e) when (IsAddressInUse(e))
                {
                    throw PortTaken(balancer, port);
                }
            }

            if (port == 0)
            {
                record.Port = listener.Server.Port;
            }

            listener.Routes = BuildRoutes(record);
            var change = new LoadBalancerChange();
            change.PutListeners.Add(record);
            try
            {
                _store.Apply(change);
            }
            catch
            {
                await listener.Server.DisposeAsync().ConfigureAwait(false);
                throw;
            }

            _listeners[record.Arn] = listener;
            UpdateGroupUse();
            return new CreateListenerResponse { Listeners = [ToWire(record)] };
        }, cancellationToken);
    }

    public DescribeListenersResponse DescribeListeners(DescribeListenersRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            List<ListenerRecord> found;
            if (request.ListenerArns is { Count: > 0 } arns)
            {
                found = arns.Select(a => _listeners.GetValueOrDefault(a)?.Record ?? throw ElbErrors.ListenerNotFound()).ToList();
            }
            else if (request.LoadBalancerArn is { } balancer)
            {
                if (!_loadBalancers.ContainsKey(balancer))
                {
                    throw ElbErrors.LoadBalancerNotFound();
                }

                found = _listeners.Values.Select(l => l.Record).Where(l => l.LoadBalancerArn == balancer).OrderBy(l => l.Port).ToList();
            }
            else
            {
                throw ElbErrors.Validation("You must specify either listener ARNs or a load balancer ARN");
            }

            var (page, next) = Page(found, request.Marker, request.PageSize);
            return new DescribeListenersResponse { Listeners = page.Select(ToWire).ToList(), NextMarker = next };
        });
    }

    public Task<DeleteListenerResponse> DeleteListenerAsync(DeleteListenerRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return LockedAsync(async () =>
        {
            var listener = _listeners.GetValueOrDefault(request.ListenerArn) ?? throw ElbErrors.ListenerNotFound();
            var change = new LoadBalancerChange();
            change.DeleteListeners.Add(listener.Record.Arn);
            change.DeleteRules.AddRange(_rules.Values.Where(r => r.ListenerArn == listener.Record.Arn).Select(r => r.Arn));
            _store.Apply(change);
            await RemoveListenerAsync(listener).ConfigureAwait(false);
            UpdateGroupUse();
            return new DeleteListenerResponse();
        }, cancellationToken);
    }

    public CreateRuleResponse CreateRule(CreateRuleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Range("priority", request.Priority, 1, 50000);
        if (request.Conditions.Count is 0 or > 5)
        {
            throw ElbErrors.Validation("A rule must have from 1 to 5 conditions");
        }

        foreach (var condition in request.Conditions)
        {
            // Compiled now only to refuse a bad condition before anything changes; the routes compile their own.
            _ = RuleConditions.Compile(condition);
        }

        return Locked(() =>
        {
            var listener = _listeners.GetValueOrDefault(request.ListenerArn) ?? throw ElbErrors.ListenerNotFound();
            if (_rules.Values.Any(r => r.ListenerArn == listener.Record.Arn && r.Priority == request.Priority))
            {
                throw ElbErrors.PriorityInUse(request.Priority);
            }

            var actions = ListenerActions.Normalize(request.Actions, FindGroup, "actions");
            CheckAssociation(actions.SelectMany(ListenerActions.TargetGroupsOf), listener.Record.LoadBalancerArn);
            var record = new RuleRecord
            {
                Arn = ElbArns.Rule(listener.Record.Arn, ElbArns.NewId()),
                ListenerArn = listener.Record.Arn,
                Priority = request.Priority,
                Conditions = request.Conditions,
                Actions = actions,
                Tags = request.Tags ?? [],
            };
            var change = new LoadBalancerChange();
            change.PutRules.Add(record);
            _store.Apply(change);
            _rules[record.Arn] = record;
            listener.Routes = BuildRoutes(listener.Record);
            UpdateGroupUse();
            return new CreateRuleResponse { Rules = [ToWire(record)] };
        });
    }

    public DescribeRulesResponse DescribeRules(DescribeRulesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            List<Rule> found;
            if (request.RuleArns is { Count: > 0 } arns)
            {
                found = arns.Select(arn => _rules.GetValueOrDefault(arn) is { } rule
                    ? ToWire(rule)
                    : _listeners.Values.FirstOrDefault(l => DefaultRuleArn(l.Record.Arn) == arn) is { } owner
                        ? DefaultRule(owner.Record)
                        : throw ElbErrors.RuleNotFound()).ToList();
            }
            else if (request.ListenerArn is { } listenerArn)
            {
                var listener = _listeners.GetValueOrDefault(listenerArn) ?? throw ElbErrors.ListenerNotFound();
                found = _rules.Values.Where(r => r.ListenerArn == listenerArn).OrderBy(r => r.Priority).Select(ToWire).ToList();
                found.Add(DefaultRule(listener.Record));
            }
            else
            {
                throw ElbErrors.Validation("You must specify either listener ARN or rule ARNs");
            }

            var (page, next) = Page(found, request.Marker, request.PageSize);
            return new DescribeRulesResponse { Rules = page, NextMarker = next };
        });
    }

    public DeleteRuleResponse DeleteRule(DeleteRuleRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return Locked(() =>
        {
            if (!_rules.TryGetValue(request.RuleArn, out var rule))
            {
                throw _listeners.Values.Any(l => DefaultRuleArn(l.Record.Arn) == request.RuleArn)
                    ? ElbErrors.OperationNotPermitted($"Default rule '{request.RuleArn}' cannot be deleted")
                    : ElbErrors.RuleNotFound();
            }

            var change = new LoadBalancerChange();
            change.DeleteRules.Add(rule.Arn);
            _store.Apply(change);
            _rules.Remove(rule.Arn);
            RebuildRoutes(l => l.Record.Arn == rule.ListenerArn);
            UpdateGroupUse();
            return new DeleteRuleResponse();
        });
    }

    private async Task RemoveListenerAsync(ListenerRuntime listener)
    {
        _listeners.Remove(listener.Record.Arn);
        foreach (var rule in _rules.Values.Where(r => r.ListenerArn == listener.Record.Arn).ToList())
        {
            _rules.Remove(rule.Arn);
        }

        if (listener.Server is { } server)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    private static Listener ToWire(ListenerRecord record) => new()
    {
        ListenerArn = record.Arn,
        LoadBalancerArn = record.LoadBalancerArn,
        Port = record.Port,
        Protocol = ProtocolName.FromWire(record.Protocol),
        Certificates = record.Certificates,
        SslPolicy = record.SslPolicy,
        DefaultActions = record.DefaultActions,
        AlpnPolicy = record.AlpnPolicy,
    };

    private static Rule ToWire(RuleRecord record) => new()
    {
        RuleArn = record.Arn,
        Priority = record.Priority.ToString(System.Globalization.CultureInfo.InvariantCulture),
        Conditions = record.Conditions,
        Actions = record.Actions,
        IsDefault = false,
    };

    private static Rule DefaultRule(ListenerRecord listener) => new()
    {
        RuleArn = DefaultRuleArn(listener.Arn),
        Priority = "default",
        Conditions = [],
        Actions = listener.DefaultActions,
        IsDefault = true,
    };
}

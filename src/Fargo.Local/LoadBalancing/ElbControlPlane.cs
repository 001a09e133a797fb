using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Fargo.Local.Api;
using Fargo.Local.LoadBalancing.DataPlane;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.Routing;
using Fargo.Local.LoadBalancing.TargetGroups;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fargo.Local.LoadBalancing;

/// <summary>
/// ELBv2, locally: application load balancers whose listeners are real sockets on 127.0.0.1, target groups
/// of type ip with ALB's health checks and target states, and the API operations (this class's partial
/// files, one per resource). Every change is written to the store before the call returns; after a restart
/// <see cref="StartAsync"/> brings the listeners back on the same ports and the targets back to initial.
/// Mutations are serialized by one async lock; the data plane never takes it.
/// </summary>
public sealed partial class ElbControlPlane : ILoadBalancerTargets, CertificateManager.ICertificateUsers, IAsyncDisposable
{
    private readonly SemaphoreSlim _mutex = new(1, 1);
    private readonly ILoadBalancerStore _store;
    private readonly LoadBalancerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly HealthChecker _checker = new();
    private readonly HttpForwarder _forwarder;
    private readonly Dictionary<string, LoadBalancerRecord> _loadBalancers = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ListenerRuntime> _listeners = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RuleRecord> _rules = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TargetGroupRuntime> _groups = new(StringComparer.Ordinal);
    private X509Certificate2? _certificate;
    private bool _disposed;

    public ElbControlPlane(ILoadBalancerStore store, LoadBalancerOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _store = store;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger ?? NullLogger.Instance;
        _forwarder = new HttpForwarder(options.Scaled(options.ConnectTimeout));
    }

    private DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>
    /// Loads the kept state and brings it back: target groups and their targets (registered ones start over in
    /// initial; draining ones keep their deadline), and every listener on its recorded port. A listener whose
    /// port is now taken by another program is logged and stays down.
    /// </summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var snapshot = _store.Load();
            var expired = new LoadBalancerChange();
            foreach (var record in snapshot.TargetGroups)
            {
                _groups[record.Arn] = NewGroupRuntime(record);
            }

            foreach (var target in snapshot.Targets)
            {
                if (!_groups.TryGetValue(target.TargetGroupArn, out var group))
                {
                    expired.DeleteTargets.Add(target.Key);
                }
                else if (target.DeregisteredAt is null)
                {
                    group.Register(target);
                }
                else if (target.DrainDeadline > Now)
                {
                    group.RestoreDraining(target);
                }
                else
                {
                    expired.DeleteTargets.Add(target.Key);
                }
            }

            foreach (var record in snapshot.LoadBalancers)
            {
                _loadBalancers[record.Arn] = record;
            }

            GiveAddresses(expired);

            foreach (var record in snapshot.Rules)
            {
                _rules[record.Arn] = record;
            }

            foreach (var record in snapshot.Listeners)
            {
                var listener = new ListenerRuntime(record, BuildRoutes(record));
                _listeners[record.Arn] = listener;
                try
                {
                    listener.Server = await StartServerAsync(listener, cancellationToken).ConfigureAwait(false);
                }
                catch (IOException e)
                {
                    LogListenerDown(_logger, record.Port, record.Arn, e.Message);
                }
            }

            UpdateGroupUse();
            _store.Apply(expired);
        }
        finally
        {
            _mutex.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _mutex.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            foreach (var listener in _listeners.Values)
            {
                if (listener.Server is { } server)
                {
                    await server.DisposeAsync().ConfigureAwait(false);
                }
            }

            foreach (var group in _groups.Values)
            {
                group.Dispose();
            }

            _forwarder.Dispose();
            _checker.Dispose();
            _certificate?.Dispose();
        }
        finally
        {
            _mutex.Release();
        }
    }

    // ---- shared helpers ----

    /// <summary>Runs a synchronous operation under the lock.</summary>
    private T Locked<T>(Func<T> operation)
    {
        _mutex.Wait();
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return operation();
        }
        finally
        {
            _mutex.Release();
        }
    }

    private async Task<T> LockedAsync<T>(Func<Task<T>> operation, CancellationToken cancellationToken)
    {
        await _mutex.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            return await operation().ConfigureAwait(false);
        }
        finally
        {
            _mutex.Release();
        }
    }

    private TargetGroupRuntime NewGroupRuntime(TargetGroupRecord record) =>
        new(record, TargetGroupSettings.From(record, _options), _checker, _time, _logger, OnDrainExpired);

    private void OnDrainExpired(TargetGroupRuntime group, TargetEntry entry)
    {
        _mutex.Wait();
        try
        {
            if (_disposed || !group.Remove(entry))
            {
                return;
            }

            var change = new LoadBalancerChange();
            change.DeleteTargets.Add(entry.Record.Key);
            _store.Apply(change);
        }
        finally
        {
            _mutex.Release();
        }
    }

    private TargetGroupRuntime? FindGroup(string arn) => _groups.GetValueOrDefault(arn);

    private TargetGroupRuntime RequireGroup(string arn) => FindGroup(arn) ?? throw ElbErrors.TargetGroupNotFound();

    /// <summary>The target groups each load balancer forwards to, through its listeners' default actions and rules.</summary>
    private Dictionary<string, HashSet<string>> LoadBalancersByGroup()
    {
        var result = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        void Add(string groupArn, string loadBalancerArn)
        {
            if (!result.TryGetValue(groupArn, out var set))
            {
                result[groupArn] = set = new HashSet<string>(StringComparer.Ordinal);
            }

            set.Add(loadBalancerArn);
        }

        foreach (var listener in _listeners.Values)
        {
            foreach (var group in listener.Record.DefaultActions.SelectMany(ListenerActions.TargetGroupsOf))
            {
                Add(group, listener.Record.LoadBalancerArn);
            }
        }

        foreach (var rule in _rules.Values)
        {
            if (_listeners.TryGetValue(rule.ListenerArn, out var listener))
            {
                foreach (var group in rule.Actions.SelectMany(ListenerActions.TargetGroupsOf))
                {
                    Add(group, listener.Record.LoadBalancerArn);
                }
            }
        }

        return result;
    }

    /// <summary>A target group serves one load balancer at most (ALB's TargetGroupAssociationLimit).</summary>
    private void CheckAssociation(IEnumerable<string> groupArns, string loadBalancerArn)
    {
        var used = LoadBalancersByGroup();
        foreach (var arn in groupArns)
        {
            if (used.TryGetValue(arn, out var balancers) && balancers.Any(b => b != loadBalancerArn))
            {
                throw ElbErrors.TargetGroupAssociationLimit(arn);
            }
        }
    }

    /// <summary>Puts target groups behind a listener in use (health checks run) and the others out of use.</summary>
    private void UpdateGroupUse()
    {
        var used = LoadBalancersByGroup();
        foreach (var group in _groups.Values)
        {
            group.SetInUse(used.ContainsKey(group.Arn));
        }
    }

    private RouteTable BuildRoutes(ListenerRecord listener)
    {
        var balancer = _loadBalancers.GetValueOrDefault(listener.LoadBalancerArn);
        string Attribute(string key) => balancer?.Attributes.GetValueOrDefault(key) ?? LoadBalancerAttributes.Defaults[key];
        var settings = new ListenerSettings(
            LocalListenerAddressing.ServedPort(listener.Port),
            listener.Protocol == "HTTPS",
            _options.ScaledSeconds(int.Parse(Attribute(LoadBalancerAttributes.IdleTimeout), CultureInfo.InvariantCulture)),
            Attribute(LoadBalancerAttributes.XffMode),
            Attribute(LoadBalancerAttributes.XffClientPort) == "true",
            _options.Scaled(_options.ConnectTimeout));
        var rules = _rules.Values
            .Where(r => r.ListenerArn == listener.Arn)
            .OrderBy(r => r.Priority)
            .Select(r => new CompiledRule(r.Priority, r.Conditions.Select(RuleConditions.Compile).ToList(), Served(ListenerActions.Compile(r.Actions[0], FindGroup))))
            .ToList();
        return new RouteTable(rules, Served(ListenerActions.Compile(listener.DefaultActions[0], FindGroup)), settings);
    }

    private void RebuildRoutes(Func<ListenerRuntime, bool> which)
    {
        foreach (var listener in _listeners.Values.Where(which))
        {
            listener.Routes = BuildRoutes(listener.Record);
        }
    }

    /// <summary>A redirect to a privileged port (an HTTP→HTTPS redirect to 443) lands where that listener is served (10443).</summary>
    private static RouteAction Served(RouteAction action) =>
        action is RedirectRoute { Config.Port: { } port } redirect
            ? redirect with { Config = redirect.Config with { Port = LocalListenerAddressing.ServedPort(port) } }
            : action;

    /// <summary>How many addresses a load balancer without listeners tries before its first listener gives up on a taken port.</summary>
    private const int MaxAddressAttempts = 3;

    /// <summary>Kestrel's "address already in use": another socket has the port. Any other failure to listen is not the user's to fix.</summary>
    private static bool IsAddressInUse(IOException exception)
    {
        for (Exception? inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            if (inner is Microsoft.AspNetCore.Connections.AddressInUseException
                or System.Net.Sockets.SocketException { SocketErrorCode: System.Net.Sockets.SocketError.AddressAlreadyInUse })
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A load balancer that serves nothing yet takes the next address no load balancer holds and no other program serves on.</summary>
    private LoadBalancerRecord MoveToFreeAddress(LoadBalancerRecord balancer)
    {
        var moved = Copy(balancer, LocalListenerAddressing.Allocate(HeldAddresses()), balancer.Attributes);
        var change = new LoadBalancerChange();
        change.PutLoadBalancers.Add(moved);
        _store.Apply(change);
        _loadBalancers[moved.Arn] = moved;
        return moved;
    }

    /// <summary>Load balancers kept from before addresses existed get one now, kept from then on.</summary>
    private void GiveAddresses(LoadBalancerChange change)
    {
        foreach (var record in _loadBalancers.Values.Where(b => b.Address is null).OrderBy(b => b.CreatedTime).ToList())
        {
            var addressed = Copy(record, LocalListenerAddressing.Allocate(HeldAddresses()), record.Attributes);
            _loadBalancers[record.Arn] = addressed;
            change.PutLoadBalancers.Add(addressed);
        }
    }

    private async Task<ListenerServer> StartServerAsync(ListenerRuntime listener, CancellationToken cancellationToken)
    {
        var address = IPAddress.Parse(_loadBalancers[listener.Record.LoadBalancerArn].Address!);
        var port = LocalListenerAddressing.ServedPort(listener.Record.Port);
        Func<string?, X509Certificate2>? certificateFor = null;
        if (listener.Record.Protocol == "HTTPS")
        {
            _certificate ??= DevelopmentCertificate.LoadOrCreate(_options.CertificateDirectory);
            certificateFor = serverName => ServedCertificate(listener.Record, serverName);
        }

        var handler = new ListenerRequestHandler(() => listener.Routes, _forwarder);
        return await ListenerServer.StartAsync(address, port, certificateFor, handler.HandleAsync, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The certificate a TLS handshake gets, as ALB chooses it: among the listener's certificates the local ACM issued,
    /// the one whose names cover the SNI name, else the default (the first). Certificates the local ACM does not hold
    /// (another region's or account's ARN, or none) leave the development certificate.
    /// </summary>
    private X509Certificate2 ServedCertificate(ListenerRecord record, string? serverName)
    {
        var issued = (record.Certificates ?? [])
            .Select(c => c.CertificateArn is { } arn ? _options.IssuedCertificate?.Invoke(arn) : null)
            .OfType<X509Certificate2>()
            .ToList();
        if (issued.Count == 0)
        {
            return _certificate!;
        }

        return (serverName is null ? null : issued.FirstOrDefault(c => c.MatchesHostname(serverName, allowWildcards: true, allowCommonName: false))) ?? issued[0];
    }

    /// <summary>The load balancers whose HTTPS listeners name the certificate: ACM's InUseBy.</summary>
    public IReadOnlyList<string> LoadBalancersUsing(string certificateArn) =>
        Locked(() => _listeners.Values
            .Where(l => l.Record.Certificates?.Any(c => c.CertificateArn == certificateArn) == true)
            .Select(l => l.Record.LoadBalancerArn)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList());

    /// <summary>ALB refuses a listener naming a certificate ACM does not have; for the local ACM's own ARNs, so does the local region.</summary>
    private void CheckCertificates(IReadOnlyList<Fargo.Aws.ElasticLoadBalancingV2.Certificate>? certificates)
    {
        foreach (var arn in (certificates ?? []).Select(c => c.CertificateArn).OfType<string>())
        {
            if (_options.IssuedCertificate is { } issued && CertificateManager.CertificateStore.IsLocalArn(arn) && issued(arn) is null)
            {
                throw ElbErrors.CertificateNotFound(arn);
            }
        }
    }

    /// <summary>AWS's paging: Marker from the last page's NextMarker, PageSize 1 to 400.</summary>
    private static (List<T> Page, string? NextMarker) Page<T>(IReadOnlyList<T> items, string? marker, int? pageSize)
    {
        if (pageSize is < 1 or > 400)
        {
            throw ElbErrors.OutOfRange("pageSize", pageSize.Value, 1, 400);
        }

        var start = 0;
        if (!string.IsNullOrEmpty(marker))
        {
            try
            {
                start = int.Parse(Encoding.ASCII.GetString(Convert.FromBase64String(marker)), NumberStyles.None, CultureInfo.InvariantCulture);
            }
            catch (FormatException)
            {
                throw ElbErrors.Validation("Invalid value for parameter 'marker'");
            }
        }

        var size = pageSize ?? 400;
        var page = items.Skip(start).Take(size).ToList();
        var next = start + size < items.Count ? Convert.ToBase64String(Encoding.ASCII.GetBytes((start + size).ToString(CultureInfo.InvariantCulture))) : null;
        return (page, next);
    }

    private static void ValidateName(string? name, string what)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw ElbErrors.MissingMember("name");
        }

        if (name.Length > 32)
        {
            throw ElbErrors.Validation($"{what} name '{name}' cannot be longer than '32' characters");
        }

        if (!name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            throw ElbErrors.Validation($"{what} name '{name}' can only contain characters that are alphanumeric characters or hyphens(-)");
        }

        if (name.StartsWith('-') || name.EndsWith('-'))
        {
            throw ElbErrors.Validation($"{what} name '{name}' cannot begin or end with '-'");
        }

        if (name.StartsWith("internal-", StringComparison.OrdinalIgnoreCase) && what == "Load balancer")
        {
            throw ElbErrors.Validation($"Load balancer name '{name}' cannot begin with 'internal-'");
        }
    }

    /// <summary>The default rule's ARN: stable per listener, like a real one (it is never stored).</summary>
    private static string DefaultRuleArn(string listenerArn) =>
        ElbArns.Rule(listenerArn, Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(listenerArn)).AsSpan(0, 8)));

    private static LocalServiceException PortTaken(LoadBalancerRecord balancer, int port) =>
        ElbErrors.InvalidConfigurationRequest(
            $"Port {LocalListenerAddressing.ServedPort(port)} on {balancer.Address} (load balancer '{balancer.Name}', listener port {port}) is in use by another program; choose another listener port (or 0 for any free port)");

    [LoggerMessage(Level = LogLevel.Warning, Message = "Listener on port {Port} ({ListenerArn}) could not listen again: {Reason}")]
    private static partial void LogListenerDown(ILogger logger, int port, string listenerArn, string reason);
}

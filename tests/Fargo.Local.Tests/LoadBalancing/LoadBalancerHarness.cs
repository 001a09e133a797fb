using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing;
using Fargo.Local.LoadBalancing.Model;
using Fargo.Local.LoadBalancing.TargetGroups;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>
/// A local load balancer of a test's own, driven directly (no engine): its state in a temporary state.db,
/// ALB's durations at a twentieth (a 10 s health check interval runs every 500 ms), one load balancer with a
/// 600 s idle timeout (30 s here, so a busy test machine never turns a slow answer into a 504), one target
/// group ("web", health check GET /_health every 10 s with an 8 s timeout, 2 to turn healthy or unhealthy)
/// and an HTTP listener on a free port forwarding to it.
/// </summary>
public sealed class LoadBalancerHarness : IAsyncDisposable
{
    public const double TimeScale = 0.05;

    private readonly TempDirectory _root;
    private readonly SqliteLoadBalancerStore _store;

    private LoadBalancerHarness(TempDirectory root, SqliteLoadBalancerStore store, ElbControlPlane elb)
    {
        _root = root;
        _store = store;
        Elb = elb;
    }

    public ElbControlPlane Elb { get; private set; }

    public string LoadBalancerArn { get; private set; } = "";

    public string TargetGroupArn { get; private set; } = "";

    public string ListenerArn { get; private set; } = "";

    public int ListenerPort { get; private set; }

    /// <summary>The load balancer's own loopback address (127.0.0.1 unless another program serves 10080 or 10443 there).</summary>
    public string Address { get; private set; } = "";

    public Uri BaseUri => new($"http://{Address}:{ListenerPort}");

    public string DatabasePath => _root.Combine("state.db");

    public LoadBalancerOptions Options => new() { CertificateDirectory = _root.Combine("elb"), TimeScale = TimeScale };

    public static async Task<LoadBalancerHarness> StartAsync(int deregistrationDelaySeconds = 300, string algorithm = "round_robin")
    {
        var root = new TempDirectory("fargo-elb-test-");
        var store = new SqliteLoadBalancerStore(root.Combine("state.db"));
        var elb = new ElbControlPlane(store, new LoadBalancerOptions { CertificateDirectory = root.Combine("elb"), TimeScale = TimeScale });
        await elb.StartAsync(CancellationToken.None);
        var harness = new LoadBalancerHarness(root, store, elb);
        var created = elb.CreateLoadBalancer(new CreateLoadBalancerRequest { Name = "test-lb" }).LoadBalancers![0];
        harness.LoadBalancerArn = created.LoadBalancerArn!;
        harness.Address = AddressOf(created);
        elb.ModifyLoadBalancerAttributes(new Local.LoadBalancing.Wire.ModifyLoadBalancerAttributesRequest
        {
            LoadBalancerArn = harness.LoadBalancerArn,
            Attributes = [new() { Key = "idle_timeout.timeout_seconds", Value = "600" }],
        });
        harness.TargetGroupArn = harness.CreateTargetGroup("web");
        elb.ModifyTargetGroupAttributes(new ModifyTargetGroupAttributesRequest
        {
            TargetGroupArn = harness.TargetGroupArn,
            Attributes =
            [
                new TargetGroupAttribute { Key = "deregistration_delay.timeout_seconds", Value = deregistrationDelaySeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                new TargetGroupAttribute { Key = "load_balancing.algorithm.type", Value = algorithm },
            ],
        });
        var listener = (await elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = harness.LoadBalancerArn,
            Protocol = ProtocolName.Http,
            Port = 0,
            DefaultActions = [new ListenerAction { Type = ActionType.Forward, TargetGroupArn = harness.TargetGroupArn }],
        })).Listeners![0];
        harness.ListenerArn = listener.ListenerArn!;
        harness.ListenerPort = listener.Port!.Value;
        return harness;
    }

    /// <summary>Where a load balancer is served, as DescribeLoadBalancers shows it.</summary>
    public static string AddressOf(LoadBalancer balancer) =>
        balancer.AvailabilityZones?.SelectMany(z => z.LoadBalancerAddresses ?? []).Select(a => a.IpAddress).OfType<string>().FirstOrDefault()
        ?? throw new InvalidOperationException($"load balancer {balancer.LoadBalancerName} shows no address");

    public string CreateTargetGroup(string name) =>
        Elb.CreateTargetGroup(new CreateTargetGroupRequest
        {
            Name = name,
            Protocol = ProtocolName.Http,
            Port = 80,
            VpcId = ElbControlPlane.LocalVpcId,
            TargetType = TargetType.Ip,
            HealthCheckPath = "/_health",
            HealthCheckIntervalSeconds = 10,
            HealthCheckTimeoutSeconds = 8,
            HealthyThresholdCount = 2,
            UnhealthyThresholdCount = 2,
            Matcher = new Matcher { HttpCode = "200-399" },
        }).TargetGroups![0].TargetGroupArn!;

    public void Register(params int[] ports) => Register(TargetGroupArn, ports);

    public void Register(string targetGroupArn, params int[] ports) =>
        Elb.RegisterTargets(new RegisterTargetsRequest { TargetGroupArn = targetGroupArn, Targets = ports.Select(p => new TargetDescription { Id = "127.0.0.1", Port = p }).ToList() });

    public void Deregister(params int[] ports) =>
        Elb.DeregisterTargets(new DeregisterTargetsRequest { TargetGroupArn = TargetGroupArn, Targets = ports.Select(p => new TargetDescription { Id = "127.0.0.1", Port = p }).ToList() });

    public TargetHealth Health(int port, string? targetGroupArn = null) => Elb.GetTargetHealth(targetGroupArn ?? TargetGroupArn, new TargetEndpoint("127.0.0.1", port));

    public IReadOnlyList<TargetHealthDescription> DescribeHealth(string? targetGroupArn = null) =>
        Elb.DescribeTargetHealth(new DescribeTargetHealthRequest { TargetGroupArn = targetGroupArn ?? TargetGroupArn }).TargetHealthDescriptions!;

    public Task WaitForStateAsync(int port, TargetHealthState state, string? targetGroupArn = null, double seconds = 15) =>
        Eventually.UntilAsync(
            () => Task.FromResult(Health(port, targetGroupArn)),
            h => h.State == state,
            TimeSpan.FromSeconds(seconds),
            $"target 127.0.0.1:{port} to be {state}",
            h => $"{h.State} {h.Reason} {h.Description}");

    /// <summary>Stops the control plane and starts a new one on the same state.db, as an engine restart does.</summary>
    public async Task RestartAsync()
    {
        await Elb.DisposeAsync();
        Elb = new ElbControlPlane(_store, Options);
        await Elb.StartAsync(CancellationToken.None);
    }

    public static HttpClient Client(TimeSpan? timeout = null) => new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromSeconds(2) }) { Timeout = timeout ?? TimeSpan.FromSeconds(20) };

    public async ValueTask DisposeAsync()
    {
        await Elb.DisposeAsync();
        _store.Dispose();
        _root.Dispose();
    }
}

using System.Net;
using System.Net.Sockets;
using System.Text;
using Fargo.Local.Api;
using Fargo.Local.CloudFormation;
using Fargo.Local.CloudFormation.Resources;
using Fargo.Local.CloudFormation.Resources.Handlers;
using Fargo.Local.ServiceDiscovery;
using Fargo.Local.Tests.Support;
using Microsoft.Extensions.Logging.Abstractions;

namespace Fargo.Local.Tests.ServiceDiscovery;

/// <summary>
/// Cloud Map on the local region: the namespace and service of a template made by the local CloudFormation, an
/// instance registered as ECS registers a task, and the service's name answered at a loopback endpoint that forwards
/// each connection to a registered instance — and to none once it is deregistered.
/// </summary>
public sealed class CloudMapTests : IAsyncLifetime, IDisposable
{
    private const string Template = """
        Resources:
          Namespace:
            Type: AWS::ServiceDiscovery::PrivateDnsNamespace
            Properties: {Name: local.fargo.internal, Vpc: vpc-1}
          Pricing:
            Type: AWS::ServiceDiscovery::Service
            Properties:
              Name: pricing
              NamespaceId: !GetAtt Namespace.Id
              DnsConfig: {DnsRecords: [{Type: A, TTL: 10}], RoutingPolicy: MULTIVALUE}
        """;

    private readonly TempDirectory _directory = new("fargo-cloudmap-");
    private CloudMapRegistry _registry = null!;
    private CloudFormationEngine _engine = null!;

    public Task InitializeAsync()
    {
        _registry = new CloudMapRegistry(_directory.Combine("state.db"), "local", "000000000000", NullLogger.Instance);
        var handlers = new ResourceHandlers("local", "000000000000")
            .Add("AWS::ServiceDiscovery::PrivateDnsNamespace", new PrivateDnsNamespaceHandler(_registry))
            .Add("AWS::ServiceDiscovery::Service", new DiscoveryServiceHandler(_registry));
        _engine = new CloudFormationEngine(new CloudFormationStore(_directory.Combine("cfn.db")), handlers, r => r, TimeProvider.System, NullLogger.Instance);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _registry.DisposeAsync();
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_services_name_answers_at_its_own_loopback_address_and_reaches_its_registered_instance()
    {
        var service = await DeployAsync();
        Assert.StartsWith("arn:aws:servicediscovery:local:000000000000:service/srv-", service.Arn, StringComparison.Ordinal);
        var address = _registry.Resolve("pricing.local.fargo.internal");
        Assert.NotNull(address);
        Assert.StartsWith("127.2.", address, StringComparison.Ordinal);
        Assert.Null(_registry.Resolve("pricing.example.com"));

        using var instance = new Responder("pong");
        var containerPort = FreePort();
        _registry.RegisterInstance(service.Id, new DiscoveredInstance("task-1", "127.0.0.1", instance.Port, containerPort));

        Assert.Equal("pong", await CallAsync(address, containerPort));
        Assert.Equal("pong", await CallAsync(address, containerPort));

        _registry.DeregisterInstance(service.Id, "task-1");
        Assert.Equal("", await CallAsync(address, containerPort));
    }

    [Fact]
    public async Task Connections_are_spread_over_the_instances_and_a_refusing_one_is_skipped()
    {
        var service = await DeployAsync();
        var address = _registry.Resolve("pricing.local.fargo.internal")!;
        using var first = new Responder("first");
        using var second = new Responder("second");
        var containerPort = FreePort();
        _registry.RegisterInstance(service.Id, new DiscoveredInstance("task-1", "127.0.0.1", first.Port, containerPort));
        _registry.RegisterInstance(service.Id, new DiscoveredInstance("task-2", "127.0.0.1", second.Port, containerPort));
        _registry.RegisterInstance(service.Id, new DiscoveredInstance("task-gone", "127.0.0.1", FreePort(), containerPort));

        var answers = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            answers.Add(await CallAsync(address, containerPort));
        }

        Assert.Contains("first", answers);
        Assert.Contains("second", answers);
        Assert.All(answers, a => Assert.True(a is "first" or "second", $"got '{a}'"));
    }

    [Fact]
    public async Task Names_and_instances_survive_a_restart_and_a_namespace_in_use_is_not_deleted()
    {
        var service = await DeployAsync();
        using var instance = new Responder("pong");
        var containerPort = FreePort();
        _registry.RegisterInstance(service.Id, new DiscoveredInstance("task-1", "127.0.0.1", instance.Port, containerPort));
        var address = _registry.Resolve("pricing.local.fargo.internal")!;

        await _registry.DisposeAsync();
        await using var restarted = new CloudMapRegistry(_directory.Combine("state.db"), "local", "000000000000", NullLogger.Instance);

        Assert.Equal(address, restarted.Resolve("pricing.local.fargo.internal"));
        Assert.Equal("pong", await CallAsync(address, containerPort));
        var inUse = Assert.Throws<LocalServiceException>(() => restarted.DeleteNamespace(service.NamespaceId));
        Assert.Equal("ResourceInUse", inUse.Code);
        _registry = new CloudMapRegistry(_directory.Combine("other.db"), "local", "000000000000", NullLogger.Instance);
    }

    private async Task<DiscoveryServiceRecord> DeployAsync()
    {
        _engine.CreateStack(new StackSubmission("discovery", Template, false, [], null, [], false));
        await _engine.WaitIdleAsync();
        var stack = _engine.DescribeStacks("discovery")[0];
        Assert.Equal("CREATE_COMPLETE", stack.Status);
        return _registry.FindService(stack.Resources["Pricing"].PhysicalId!)!;
    }

    private static async Task<string> CallAsync(string address, int port)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Parse(address), port);
        using var reader = new StreamReader(client.GetStream(), Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await reader.ReadToEndAsync(timeout.Token);
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    /// <summary>A task's stand-in: answers every connection with a word, then closes it.</summary>
    private sealed class Responder : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();

        public Responder(string word)
        {
            _listener.Start();
            _ = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    using var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    await client.GetStream().WriteAsync(Encoding.UTF8.GetBytes(word), _stop.Token);
                }
            });
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }
    }
}

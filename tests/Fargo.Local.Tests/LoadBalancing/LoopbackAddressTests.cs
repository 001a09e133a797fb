using System.Net;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>
/// Each load balancer is served on a loopback address of its own, as each ALB has addresses of its own on AWS; a
/// privileged listener port P is served on 10000 + P.
/// </summary>
public sealed class LoopbackAddressTests
{
    [Fact]
    public async Task Two_load_balancers_each_serve_a_listener_on_port_80_at_their_own_address()
    {
        await using var first = await LoadBalancerHarness.StartAsync();
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        first.Register(a.Port);
        var second = first.Elb.CreateLoadBalancer(new CreateLoadBalancerRequest { Name = "second-lb" }).LoadBalancers![0];
        var secondGroup = first.CreateTargetGroup("second");
        first.Register(secondGroup, b.Port);
        await ListenOn80Async(first.Elb, first.LoadBalancerArn, first.TargetGroupArn);
        var listener = await ListenOn80Async(first.Elb, second.LoadBalancerArn!, secondGroup);
        await first.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        await first.WaitForStateAsync(b.Port, TargetHealthState.Healthy, secondGroup);

        var secondAddress = LoadBalancerHarness.AddressOf(second);
        using var http = LoadBalancerHarness.Client();
        var fromFirst = await http.GetStringAsync(new Uri($"http://{first.Address}:10080/who"));
        var fromSecond = await http.GetStringAsync(new Uri($"http://{secondAddress}:10080/who"));

        Assert.NotEqual(first.Address, secondAddress);
        Assert.StartsWith("127.", secondAddress, StringComparison.Ordinal);
        Assert.Equal(80, listener.Port);
        Assert.Equal(("a", "b"), (fromFirst, fromSecond));
    }

    [Fact]
    public async Task A_load_balancer_whose_port_another_program_takes_before_its_first_listener_moves_to_a_free_address()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var backend = await TestBackend.StartAsync("a");
        lb.Register(backend.Port);
        var second = lb.Elb.CreateLoadBalancer(new CreateLoadBalancerRequest { Name = "raced-lb" }).LoadBalancers![0];
        var group = lb.CreateTargetGroup("raced");
        lb.Register(group, backend.Port);
        var allocated = LoadBalancerHarness.AddressOf(second);
        // Another engine binds 10080 on that address between the allocation and the first listener.
        using var squatter = new System.Net.Sockets.Socket(System.Net.Sockets.AddressFamily.InterNetwork, System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp);
        squatter.Bind(new IPEndPoint(IPAddress.Parse(allocated), 10080));
        squatter.Listen();

        await ListenOn80Async(lb.Elb, second.LoadBalancerArn!, group);
        await lb.WaitForStateAsync(backend.Port, TargetHealthState.Healthy, group);
        var moved = LoadBalancerHarness.AddressOf(lb.Elb.DescribeLoadBalancers(new DescribeLoadBalancersRequest { LoadBalancerArns = [second.LoadBalancerArn!] }).LoadBalancers![0]);
        using var http = LoadBalancerHarness.Client();

        Assert.NotEqual(allocated, moved);
        Assert.Equal("a", await http.GetStringAsync(new Uri($"http://{moved}:10080/who")));
    }

    [Fact]
    public async Task A_load_balancer_keeps_its_address_across_a_restart()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        var before = lb.Address;

        await lb.RestartAsync();

        var described = lb.Elb.DescribeLoadBalancers(new DescribeLoadBalancersRequest { LoadBalancerArns = [lb.LoadBalancerArn] }).LoadBalancers![0];
        Assert.Equal(before, LoadBalancerHarness.AddressOf(described));
    }

    [Fact]
    public async Task A_redirect_from_80_to_443_lands_on_the_local_10443()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await lb.Elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = lb.LoadBalancerArn,
            Protocol = ProtocolName.Http,
            Port = 80,
            DefaultActions = [new ListenerAction
            {
                Type = ActionType.Redirect,
                RedirectConfig = new RedirectActionConfig { Protocol = "HTTPS", Port = "443", StatusCode = RedirectActionStatusCode.FromWire("HTTP_301") },
            }],
        });

        using var http = LoadBalancerHarness.Client();
        using var moved = await http.GetAsync(new Uri($"http://{lb.Address}:10080/todos?x=1"));

        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(new Uri($"https://{lb.Address}:10443/todos?x=1"), moved.Headers.Location);
    }

    [Theory]
    [InlineData(80, 10080)]
    [InlineData(443, 10443)]
    [InlineData(1023, 11023)]
    [InlineData(1024, 1024)]
    [InlineData(8080, 8080)]
    public void Privileged_listener_ports_are_served_10000_higher(int listenerPort, int served) =>
        Assert.Equal(served, LocalListenerAddressing.ServedPort(listenerPort));

    private static async Task<Listener> ListenOn80Async(ElbControlPlane elb, string loadBalancerArn, string targetGroupArn) =>
        (await elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = loadBalancerArn,
            Protocol = ProtocolName.Http,
            Port = 80,
            DefaultActions = [new ListenerAction { Type = ActionType.Forward, TargetGroupArn = targetGroupArn }],
        })).Listeners![0];
}

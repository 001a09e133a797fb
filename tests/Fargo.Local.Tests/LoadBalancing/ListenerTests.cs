using System.Net;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing.Wire;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>Listeners: rules, redirects and fixed responses, HTTPS and HTTP/2, and listeners back on their ports after a restart.</summary>
public sealed class ListenerTests
{
    [Fact]
    public async Task Rules_route_by_path_and_host_in_priority_order()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var web = await TestBackend.StartAsync("web");
        await using var api = await TestBackend.StartAsync("api");
        var apiGroup = lb.CreateTargetGroup("api");
        lb.Register(web.Port);
        lb.Register(apiGroup, api.Port);
        lb.Elb.CreateRule(new CreateRuleRequest
        {
            ListenerArn = lb.ListenerArn,
            Priority = 20,
            Conditions = [new RuleCondition { Field = "path-pattern", Values = ["/api/*", "/who"] }],
            Actions = [new ListenerAction { Type = ActionType.Forward, TargetGroupArn = apiGroup }],
        });
        lb.Elb.CreateRule(new CreateRuleRequest
        {
            ListenerArn = lb.ListenerArn,
            Priority = 10,
            Conditions = [new RuleCondition { Field = "host-header", HostHeaderConfig = new HostHeaderConditionConfig { Values = ["admin.*.test"] } }],
            Actions = [new ListenerAction { Type = ActionType.FixedResponse, FixedResponseConfig = new FixedResponseActionConfig { StatusCode = "403", ContentType = "text/plain", MessageBody = "no admins here" } }],
        });
        await lb.WaitForStateAsync(web.Port, TargetHealthState.Healthy);
        await lb.WaitForStateAsync(api.Port, TargetHealthState.Healthy, apiGroup);
        using var http = LoadBalancerHarness.Client();

        Assert.Equal("api", await http.GetStringAsync(new Uri(lb.BaseUri, "/who")));
        using (var other = await http.GetAsync(new Uri(lb.BaseUri, "/headers")))
        {
            Assert.Equal(HttpStatusCode.OK, other.StatusCode);
            Assert.Equal("web", Assert.Single(other.Headers.GetValues("X-Backend")));
        }

        using var admin = new HttpRequestMessage(HttpMethod.Get, new Uri(lb.BaseUri, "/who"));
        admin.Headers.Host = "ADMIN.shop.test";
        using var refused = await http.SendAsync(admin);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal("no admins here", await refused.Content.ReadAsStringAsync());
        Assert.Equal("awselb/2.0", refused.Headers.Server.ToString());

        var rules = lb.Elb.DescribeRules(new DescribeRulesRequest { ListenerArn = lb.ListenerArn }).Rules!;
        Assert.Equal(["10", "20", "default"], rules.Select(r => r.Priority));
        Assert.True(rules[^1].IsDefault);
        var duplicate = Assert.Throws<Local.Api.LocalServiceException>(() => lb.Elb.CreateRule(new CreateRuleRequest
        {
            ListenerArn = lb.ListenerArn,
            Priority = 10,
            Conditions = [new RuleCondition { Field = "path-pattern", Values = ["/x"] }],
            Actions = [new ListenerAction { Type = ActionType.Forward, TargetGroupArn = apiGroup }],
        }));
        Assert.Equal("PriorityInUse", duplicate.Code);
    }

    [Fact]
    public async Task Http_redirects_to_https_which_serves_http2_with_the_development_certificate()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var a = await TestBackend.StartAsync("a");
        lb.Register(a.Port);
        var https = (await lb.Elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = lb.LoadBalancerArn,
            Protocol = ProtocolName.Https,
            Port = 0,
            DefaultActions = [new ListenerAction { Type = ActionType.Forward, TargetGroupArn = lb.TargetGroupArn }],
        })).Listeners![0];
        var redirect = (await lb.Elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = lb.LoadBalancerArn,
            Protocol = ProtocolName.Http,
            Port = 0,
            DefaultActions = [new ListenerAction
            {
                Type = ActionType.Redirect,
                RedirectConfig = new RedirectActionConfig { Protocol = "HTTPS", Port = https.Port!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), StatusCode = RedirectActionStatusCode.FromWire("HTTP_301") },
            }],
        })).Listeners![0];
        Assert.Equal("ELBSecurityPolicy-2016-08", https.SslPolicy);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);

        using var plain = LoadBalancerHarness.Client();
        // The load balancer's own loopback address: 127.0.0.1 only when no other engine serves its ports there.
        using var moved = await plain.GetAsync(new Uri($"http://{lb.Address}:{redirect.Port}/who?x=1"));
        Assert.Equal(HttpStatusCode.MovedPermanently, moved.StatusCode);
        Assert.Equal(new Uri($"https://{lb.Address}:{https.Port}/who?x=1"), moved.Headers.Location);

        using var handler = new SocketsHttpHandler { UseProxy = false };
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate!.Subject.Contains("CN=localhost", StringComparison.Ordinal);
        using var secure = new HttpClient(handler) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        using var response = await secure.GetAsync(moved.Headers.Location);
        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("a", await response.Content.ReadAsStringAsync());
        var headers = await secure.GetStringAsync(new Uri($"https://{lb.Address}:{https.Port}/headers"));
        Assert.Contains("\"X-Forwarded-Proto\":\"https\"", headers, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_load_balancer_on_an_address_other_than_127_0_0_1_takes_http2_with_prior_knowledge_too()
    {
        // Every load balancer after the first (another service, another environment) is served on a loopback address
        // of its own; an h2c client must reach it there as well.
        await using var lb = await LoadBalancerHarness.StartAsync();
        var second = lb.Elb.CreateLoadBalancer(new CreateLoadBalancerRequest { Name = "second-lb" }).LoadBalancers![0];
        var address = LoadBalancerHarness.AddressOf(second);
        Assert.NotEqual(lb.Address, address);
        var listener = (await lb.Elb.CreateListenerAsync(new CreateListenerRequest
        {
            LoadBalancerArn = second.LoadBalancerArn!,
            Protocol = ProtocolName.Http,
            Port = 0,
            DefaultActions = [new ListenerAction { Type = ActionType.FixedResponse, FixedResponseConfig = new FixedResponseActionConfig { StatusCode = "200", ContentType = "text/plain", MessageBody = "second" } }],
        })).Listeners![0];
        using var h2c = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await h2c.GetAsync(new Uri($"http://{address}:{listener.Port}/"));

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Equal("second", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Http_listeners_take_http2_with_prior_knowledge_and_targets_still_get_http11()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var a = await TestBackend.StartAsync("a");
        lb.Register(a.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        using var h2c = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var response = await h2c.GetAsync(new Uri(lb.BaseUri, "/headers"));

        Assert.Equal(HttpVersion.Version20, response.Version);
        Assert.Contains("\"x-test-protocol\":\"HTTP/1.1\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_restart_listeners_listen_again_on_their_ports_and_targets_come_back()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var a = await TestBackend.StartAsync("a");
        lb.Register(a.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);

        await lb.RestartAsync();

        var listener = Assert.Single(lb.Elb.DescribeListeners(new DescribeListenersRequest { LoadBalancerArn = lb.LoadBalancerArn }).Listeners!);
        Assert.Equal(lb.ListenerPort, listener.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        using var http = LoadBalancerHarness.Client();
        Assert.Equal("a", await http.GetStringAsync(new Uri(lb.BaseUri, "/who")));
    }
}

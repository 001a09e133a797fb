using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Fargo.Aws.ElasticLoadBalancingV2;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>The data plane: requests through a listener reach healthy targets, with ALB's headers and ALB's errors.</summary>
public sealed class ProxyTests
{
    [Fact]
    public async Task Requests_are_spread_over_two_healthy_targets()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        lb.Register(a.Port, b.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        await lb.WaitForStateAsync(b.Port, TargetHealthState.Healthy);

        using var http = LoadBalancerHarness.Client();
        var answers = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            answers.Add(await http.GetStringAsync(new Uri(lb.BaseUri, "/who")));
        }

        // Round robin: every other request, so exactly half each.
        Assert.Equal(10, answers.Count(x => x == "a"));
        Assert.Equal(10, answers.Count(x => x == "b"));
    }

    [Fact]
    public async Task Forwarded_headers_tell_the_target_who_asked_and_how()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var a = await TestBackend.StartAsync("a");
        lb.Register(a.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);

        using var http = LoadBalancerHarness.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(lb.BaseUri, "/headers"));
        request.Headers.Add("X-Forwarded-For", "203.0.113.7");
        request.Headers.Add("X-Forwarded-Proto", "gopher");
        request.Headers.Host = "shop.example.test:" + lb.ListenerPort;
        using var response = await http.SendAsync(request);
        var headers = JsonSerializer.Deserialize<Dictionary<string, string>>(await response.Content.ReadAsStringAsync())!;

        Assert.Equal("203.0.113.7, 127.0.0.1", headers["X-Forwarded-For"]);
        Assert.Equal("http", headers["X-Forwarded-Proto"]);
        Assert.Equal(lb.ListenerPort.ToString(System.Globalization.CultureInfo.InvariantCulture), headers["X-Forwarded-Port"]);
        Assert.Equal("shop.example.test:" + lb.ListenerPort, headers["Host"]);
        Assert.Matches("^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$", headers["X-Amzn-Trace-Id"]);
    }

    [Fact]
    public async Task Hop_by_hop_headers_stay_on_their_hop_in_both_directions()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        using var target = new RawHttpServer(
            "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: X-Target-Hop, close\r\nX-Target-Hop: secret\r\nKeep-Alive: timeout=5\r\n"
            + "Proxy-Authenticate: Basic\r\nUpgrade: h2c\r\nX-Kept: yes\r\n\r\nok");
        lb.Register(target.Port);
        await lb.WaitForStateAsync(target.Port, TargetHealthState.Healthy);

        // Kestrel folds a Connection header that says keep-alive into just "keep-alive", so the custom token goes alone here.
        var reply = await RawRequestAsync(lb.Address, lb.ListenerPort,
            "GET /hop HTTP/1.1\r\nHost: lb.test\r\nConnection: X-Client-Hop\r\nX-Client-Hop: 1\r\nKeep-Alive: timeout=9\r\n"
            + "Proxy-Authorization: Basic Zm9vOmJhcg==\r\nTE: gzip\r\nUpgrade: websocket\r\nX-End-To-End: kept\r\n\r\n");

        var forwarded = HeaderNames(target.Requests.Last(r => r.StartsWith("GET /hop", StringComparison.Ordinal)));
        Assert.Contains("X-End-To-End", forwarded);
        foreach (var hop in new[] { "X-Client-Hop", "Keep-Alive", "Proxy-Authorization", "TE", "Upgrade", "Connection" })
        {
            Assert.DoesNotContain(hop, forwarded);
        }

        Assert.StartsWith("HTTP/1.1 200", reply, StringComparison.Ordinal);
        var returned = HeaderNames(reply);
        Assert.Contains("X-Kept", returned);
        foreach (var hop in new[] { "X-Target-Hop", "Keep-Alive", "Proxy-Authenticate", "Upgrade" })
        {
            Assert.DoesNotContain(hop, returned);
        }
    }

    [Fact]
    public async Task Bodies_stream_through_in_both_directions()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var a = await TestBackend.StartAsync("a");
        lb.Register(a.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        using var http = LoadBalancerHarness.Client();

        // Response: the first line arrives while the target still holds back the second.
        using (var response = await http.GetAsync(new Uri(lb.BaseUri, "/stream"), HttpCompletionOption.ResponseHeadersRead))
        {
            using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
            Assert.Equal("first", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
            a.Release();
            Assert.Equal("second", await reader.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(10)));
        }

        // Request: the target reads the first chunk while the client has not yet sent the rest.
        var upload = new GatedStream(a.FirstChunkReceived);
        using var content = new StreamContent(upload);
        var sent = http.PostAsync(new Uri(lb.BaseUri, "/upload"), content);
        await a.FirstChunkReceived.WaitAsync(TimeSpan.FromSeconds(10));
        using var answer = await sent.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal((GatedStream.ChunkSize * 2).ToString(System.Globalization.CultureInfo.InvariantCulture), await answer.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_unhealthy_target_is_taken_out_and_put_back()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        lb.Register(a.Port, b.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        await lb.WaitForStateAsync(b.Port, TargetHealthState.Healthy);
        using var http = LoadBalancerHarness.Client();

        b.HealthStatus = 500;
        await lb.WaitForStateAsync(b.Port, TargetHealthState.Unhealthy);
        var unhealthy = lb.Health(b.Port);
        Assert.Equal(TargetHealthReason.TargetResponseCodeMismatch, unhealthy.Reason);
        Assert.Equal("Health checks failed with these codes: [500]", unhealthy.Description);
        var before = b.Served;
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal("a", await http.GetStringAsync(new Uri(lb.BaseUri, "/who")));
        }

        Assert.Equal(before, b.Served);

        b.HealthStatus = 200;
        await lb.WaitForStateAsync(b.Port, TargetHealthState.Healthy);
        var answers = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            answers.Add(await http.GetStringAsync(new Uri(lb.BaseUri, "/who")));
        }

        Assert.Equal(5, answers.Count(x => x == "b"));
    }

    [Fact]
    public async Task No_registered_target_answers_503_as_an_alb_does()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        using var http = LoadBalancerHarness.Client();

        using var response = await http.GetAsync(new Uri(lb.BaseUri, "/who"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("awselb/2.0", response.Headers.Server.ToString());
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(162, body.Length);
        Assert.Contains("<title>503 Service Temporarily Unavailable</title>", Encoding.ASCII.GetString(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_every_target_unhealthy_requests_fail_open_to_all_of_them()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var a = await TestBackend.StartAsync("a");
        a.HealthStatus = 404;
        lb.Register(a.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Unhealthy);
        using var http = LoadBalancerHarness.Client();

        Assert.Equal("a", await http.GetStringAsync(new Uri(lb.BaseUri, "/who")));
    }

    [Fact]
    public async Task A_target_that_refuses_connections_answers_502()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        var closedPort = ClosedPort();
        lb.Register(closedPort);
        await lb.WaitForStateAsync(closedPort, TargetHealthState.Unhealthy);
        Assert.Equal(TargetHealthReason.TargetFailedHealthChecks, lb.Health(closedPort).Reason);
        using var http = LoadBalancerHarness.Client();

        using var response = await http.GetAsync(new Uri(lb.BaseUri, "/who"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.Contains("<title>502 Bad Gateway</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_answer_gives_502()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        using var target = new RawHttpServer("this is not HTTP at all\r\n\r\n");
        lb.Register(target.Port);
        using var http = LoadBalancerHarness.Client();

        using var response = await http.GetAsync(new Uri(lb.BaseUri, "/who"));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
    }

    [Fact]
    public async Task A_target_silent_past_the_idle_timeout_gives_504()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        lb.Elb.ModifyLoadBalancerAttributes(new Local.LoadBalancing.Wire.ModifyLoadBalancerAttributesRequest
        {
            LoadBalancerArn = lb.LoadBalancerArn,
            Attributes = [new() { Key = "idle_timeout.timeout_seconds", Value = "20" }],
        });
        await using var a = await TestBackend.StartAsync("a");
        lb.Register(a.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        using var http = LoadBalancerHarness.Client();

        var started = DateTimeOffset.UtcNow;
        using var response = await http.GetAsync(new Uri(lb.BaseUri, "/slow"));

        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Contains("<title>504 Gateway Time-out</title>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // 20 s at a twentieth is 1 s; the target would have taken 30 s.
        Assert.InRange((DateTimeOffset.UtcNow - started).TotalSeconds, 0.9, 10);
    }

    [Fact]
    public async Task Least_outstanding_requests_avoids_the_busy_target()
    {
        await using var lb = await LoadBalancerHarness.StartAsync(algorithm: "least_outstanding_requests");
        await using var a = await TestBackend.StartAsync("a");
        await using var b = await TestBackend.StartAsync("b");
        lb.Register(a.Port, b.Port);
        await lb.WaitForStateAsync(a.Port, TargetHealthState.Healthy);
        await lb.WaitForStateAsync(b.Port, TargetHealthState.Healthy);
        using var http = LoadBalancerHarness.Client();

        var held = http.GetStringAsync(new Uri(lb.BaseUri, "/hold"));
        var busy = await Task.WhenAny(a.Holding, b.Holding) == a.Holding ? a : b;
        var idle = busy == a ? "b" : "a";
        for (var i = 0; i < 6; i++)
        {
            Assert.Equal(idle, await http.GetStringAsync(new Uri(lb.BaseUri, "/who")));
        }

        busy.Release();
        Assert.Equal("released " + busy.Name, await held);
    }

    /// <summary>The header names of a raw HTTP/1.1 message head.</summary>
    private static HashSet<string> HeaderNames(string head) =>
        head.Split("\r\n\r\n")[0].Split("\r\n").Skip(1)
            .Select(line => line.Split(':')[0].Trim())
            .ToHashSet(StringComparer.OrdinalIgnoreCase);

    internal static int ClosedPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
    }

    private static async Task<string> RawRequestAsync(string address, int port, string request)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Parse(address), port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(request));
        var reply = new StringBuilder();
        var buffer = new byte[8192];
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!reply.ToString().Contains("\r\n\r\nok", StringComparison.Ordinal))
        {
            var read = await stream.ReadAsync(buffer, timeout.Token);
            if (read == 0)
            {
                break;
            }

            reply.Append(Encoding.ASCII.GetString(buffer, 0, read));
        }

        return reply.ToString();
    }

    /// <summary>A request body of two chunks; the second is held back until the target has read the first.</summary>
    private sealed class GatedStream(Task gate) : Stream
    {
        public const int ChunkSize = 4096;
        private int _chunk;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            switch (_chunk++)
            {
                case 0:
                    break;
                case 1:
                    await gate.WaitAsync(cancellationToken);
                    break;
                default:
                    return 0;
            }

            var length = Math.Min(ChunkSize, buffer.Length);
            buffer.Span[..length].Fill((byte)'x');
            return length == ChunkSize ? length : throw new InvalidOperationException("buffer too small for a chunk");
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>
/// A target for the load balancer tests: Kestrel on 127.0.0.1 and a free port, in this process.
/// /_health answers <see cref="HealthStatus"/>; /who its name; /headers the request headers as JSON;
/// /stream one line, then the second once released; /upload the size of the body, telling when the first
/// chunk arrived; /hold waits until released; /slow waits 30 s.
/// </summary>
public sealed class TestBackend : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _served;
    private int _disposed;
    private TaskCompletionSource _release = NewSignal();
    private TaskCompletionSource _holding = NewSignal();
    private TaskCompletionSource _firstChunk = NewSignal();

    private TestBackend(string name, WebApplication app)
    {
        Name = name;
        _app = app;
    }

    public string Name { get; }

    public int Port { get; private set; }

    public int HealthStatus { get; set; } = 200;

    /// <summary>Requests to /who so far.</summary>
    public int Served => Volatile.Read(ref _served);

    /// <summary>Completes when a request is held in /hold (or streaming in /stream).</summary>
    public Task Holding => _holding.Task;

    /// <summary>Completes when /upload has read the first chunk of its body.</summary>
    public Task FirstChunkReceived => _firstChunk.Task;

    public static async Task<TestBackend> StartAsync(string name, bool http2 = false)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, o => o.Protocols = http2 ? HttpProtocols.Http2 : HttpProtocols.Http1));
        var app = builder.Build();
        var backend = new TestBackend(name, app);
        app.Run(backend.HandleAsync);
        await app.StartAsync();
        backend.Port = new Uri(app.Urls.First()).Port;
        return backend;
    }

    /// <summary>Lets held and streaming requests go on (and arms the signals for the next ones).</summary>
    public void Release()
    {
        var release = _release;
        _release = NewSignal();
        _holding = NewSignal();
        release.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _release.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private async Task HandleAsync(HttpContext context)
    {
        var response = context.Response;
        response.Headers["X-Backend"] = Name;
        switch (context.Request.Path.Value)
        {
            case "/_health":
                response.StatusCode = HealthStatus;
                break;
            case "/who":
                Interlocked.Increment(ref _served);
                await response.WriteAsync(Name);
                break;
            case "/headers":
                var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
                headers["x-test-protocol"] = context.Request.Protocol;
                response.ContentType = "application/json";
                await response.WriteAsync(JsonSerializer.Serialize(headers));
                break;
            case "/stream":
                var release = _release.Task;
                await response.WriteAsync("first\n");
                await response.Body.FlushAsync();
                _holding.TrySetResult();
                await release.WaitAsync(context.RequestAborted);
                await response.WriteAsync("second\n");
                break;
            case "/upload":
                var buffer = new byte[65536];
                long total = 0;
                int read;
                while ((read = await context.Request.Body.ReadAsync(buffer, context.RequestAborted)) > 0)
                {
                    total += read;
                    _firstChunk.TrySetResult();
                }

                await response.WriteAsync(total.ToString(System.Globalization.CultureInfo.InvariantCulture));
                break;
            case "/hold":
                var held = _release.Task;
                _holding.TrySetResult();
                await held.WaitAsync(context.RequestAborted);
                await response.WriteAsync("released " + Name);
                break;
            case "/slow":
                await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
                break;
            default:
                response.StatusCode = 404;
                await response.Body.WriteAsync(Encoding.ASCII.GetBytes("not found"));
                break;
        }
    }
}

using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Fargo.Local.LoadBalancing.DataPlane;

/// <summary>
/// One listener's socket: a Kestrel server on its load balancer's loopback address and the listener's served port. HTTP listeners speak
/// HTTP/1.1 and HTTP/2 with prior knowledge (h2c); HTTPS listeners negotiate HTTP/2 or HTTP/1.1 by ALPN.
/// ALB limits are not Kestrel's defaults: no request body size limit, no minimum data rates.
/// </summary>
internal sealed class ListenerServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ListenerServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts listening; <paramref name="port"/> 0 takes a free port. Throws IOException when the port is taken.</summary>
    public static async Task<ListenerServer> StartAsync(IPAddress address, int port, Func<string?, X509Certificate2>? certificateFor, RequestDelegate handler, CancellationToken cancellationToken)
    {
        // An explicit content root: the default is the current directory, which an engine started from a deleted
        // folder no longer has (each new listener would then fail with "Unable to find the specified file").
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Fargo.Local.LoadBalancer", ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseKestrelCore();
        if (certificateFor is not null)
        {
            builder.WebHost.UseKestrelHttpsConfiguration();
        }

        ListenOptions? main = null;
        ListenOptions? http2Only = null;
        var h2c = new H2cPriorKnowledge();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
            kestrel.Limits.Http2.MaxStreamsPerConnection = 128;
            kestrel.Listen(address, port, listen =>
            {
                main = listen;
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                if (certificateFor is not null)
                {
                    // Chosen per handshake by the SNI name, from the listener's certificates as they are now.
                    listen.UseHttps(new HttpsConnectionAdapterOptions { ServerCertificateSelector = (_, serverName) => certificateFor(serverName) });
                }
                else
                {
                    listen.Use(h2c.Wrap);
                }
            });
            if (certificateFor is null)
            {
                kestrel.Listen(address, 0, listen =>
                {
                    http2Only = listen;
                    listen.Protocols = HttpProtocols.Http2;
                });
            }
        });
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));

        // A proxy's request handling is short and async all the way: running it on the socket's own thread
        // saves a thread-pool hop per read, which on a machine of few cores is a large share of a request's cost.
        builder.Services.Configure<SocketTransportOptions>(o => o.UnsafePreferInlineScheduling = true);

        var app = builder.Build();
        app.Run(handler);
        try
        {
            await app.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await app.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (http2Only is not null)
        {
            h2c.Http2Endpoint = http2Only.IPEndPoint!;
        }

        return new ListenerServer(app, main!.IPEndPoint!.Port);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _app.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}

using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Net;
using Fargo.Local.LoadBalancing.Routing;
using Fargo.Local.LoadBalancing.TargetGroups;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Yarp.ReverseProxy.Forwarder;

namespace Fargo.Local.LoadBalancing.DataPlane;

/// <summary>
/// The reverse proxy on YARP's <see cref="IHttpForwarder"/>: bodies streamed both ways, the listener's idle
/// timeout as YARP's activity timeout, the target's cut token (its deregistration delay ran out) as the
/// request's cancellation. ALB's own parts stay ours: the headers (hop-by-hop dropped, X-Forwarded-*,
/// X-Amzn-Trace-Id, the Host kept) and the answers when the target fails (502, or 504 when it can't be
/// reached in time or stays silent past the idle timeout) in ALB's words.
/// </summary>
internal sealed class HttpForwarder : IDisposable
{
    private readonly ServiceProvider _services;
    private readonly IHttpForwarder _forwarder;
    private readonly HttpMessageInvoker _http;
    private readonly ConcurrentDictionary<(TimeSpan IdleTimeout, bool Http2), ForwarderRequestConfig> _configs = new();

    public HttpForwarder(TimeSpan connectTimeout)
    {
        _services = new ServiceCollection().AddLogging().AddHttpForwarder().BuildServiceProvider();
        _forwarder = _services.GetRequiredService<IHttpForwarder>();
        _http = new HttpMessageInvoker(new StreamingRequestBodies(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = connectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,

            // ALB does not validate the certificates of HTTPS targets (they are often self-signed); locally they are on loopback.
#pragma warning disable CA5359
            SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
#pragma warning restore CA5359
        }));
    }

    public void Dispose()
    {
        _http.Dispose();
        _services.Dispose();
    }

    public async Task ForwardAsync(HttpContext context, TargetGroupSettings group, TargetEntry target, ListenerSettings listener)
    {
        var config = _configs.GetOrAdd((listener.IdleTimeout, group.Http2), static key => new ForwarderRequestConfig
        {
            ActivityTimeout = key.IdleTimeout,
            Version = key.Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        var prefix = (group.UseTls ? "https://" : "http://") + target.Endpoint;
        var error = await _forwarder.SendAsync(context, prefix, _http, config, new AlbTransformer(listener, group.Http2), target.CutToken).ConfigureAwait(false);
        if (error == ForwarderError.None || context.RequestAborted.IsCancellationRequested || context.Response.HasStarted)
        {
            // Done, or the client left (ALB logs 460), or part of the response is out (YARP cut the client's connection).
            return;
        }

        var status = target.CutToken.IsCancellationRequested ? 502
            : error == ForwarderError.RequestTimedOut || context.GetForwarderErrorFeature()?.Exception is { } e && IsTimeout(e) ? 504
            : 502;
        await ElbErrorPages.WriteAsync(context, status).ConfigureAwait(false);
    }

    private static bool IsTimeout(Exception error) =>
        error is OperationCanceledException or TimeoutException || error.InnerException is OperationCanceledException or TimeoutException;

    /// <summary>ALB's changes to a request on its way to the target and to the response on its way back.</summary>
    private sealed class AlbTransformer(ListenerSettings listener, bool http2) : HttpTransformer
    {
        public override ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
        {
            AlbHeaders.CopyRequestHeaders(httpContext, proxyRequest, http2);
            AlbHeaders.AddForwardedHeaders(httpContext, proxyRequest, listener);
            proxyRequest.RequestUri = new Uri(destinationPrefix + AlbHeaders.RawTarget(httpContext));
            return ValueTask.CompletedTask;
        }

        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
        {
            var proceed = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
            if (proxyResponse is null)
            {
                return proceed;
            }

            var headers = httpContext.Response.Headers;
            var connectionTokens = proxyResponse.Headers.NonValidated.TryGetValues("Connection", out var connection)
                ? AlbHeaders.ConnectionTokens(connection.ToString())
                : FrozenSet<string>.Empty;
            foreach (var name in AlbHeaders.HopByHop.Concat(connectionTokens))
            {
                headers.Remove(name);
            }

            return proceed;
        }
    }

    /// <summary>
    /// Sends a request body on to the target as it arrives, as ALB does. YARP streams bodies, but leaves what it
    /// writes in HttpClient's buffer (a few KB) unless the request looks like gRPC; this wraps each request body so
    /// that every write YARP makes is flushed to the target's connection. Requests without a body pass untouched.
    /// </summary>
    private sealed class StreamingRequestBodies(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Content is { } content)
            {
                request.Content = new FlushingContent(content);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }

    private sealed class FlushingContent : HttpContent
    {
        private readonly HttpContent _inner;

        public FlushingContent(HttpContent inner)
        {
            _inner = inner;
            foreach (var (name, values) in inner.Headers.NonValidated)
            {
                Headers.TryAddWithoutValidation(name, values);
            }
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _inner.CopyToAsync(new FlushingStream(stream), context, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = _inner.Headers.ContentLength ?? -1;
            return length >= 0;
        }

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                _inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }

    /// <summary>Flushes after every write: what was read from the client goes out to the target at once.</summary>
    private sealed class FlushingStream(Stream inner) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken).ConfigureAwait(false);
            await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override void Flush() => inner.Flush();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

using System.Buffers;
using System.Collections.Frozen;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using Fargo.Local.LoadBalancing.Routing;
using Fargo.Local.LoadBalancing.TargetGroups;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Fargo.Local.LoadBalancing.DataPlane;

/// <summary>
/// The reverse proxy: sends a request on to a target and its response back, both bodies streamed, as an
/// ALB does — hop-by-hop headers dropped, X-Forwarded-For/-Proto/-Port and X-Amzn-Trace-Id set, the Host
/// kept; 502 when the target refuses, resets or answers garbage (or its deregistration delay runs out
/// mid-request), 504 when it can't be reached in time or stays silent past the idle timeout.
/// </summary>
internal sealed class HttpForwarder : IDisposable
{
    private const int BufferSize = 64 * 1024;

    /// <summary>Hop-by-hop headers (RFC 9110 7.6.1 and the Proxy-* family): never forwarded either way.</summary>
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    private readonly HttpMessageInvoker _http;

    public HttpForwarder(TimeSpan connectTimeout)
    {
        _http = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            ConnectTimeout = connectTimeout,
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(60),
            EnableMultipleHttp2Connections = true,
            ActivityHeadersPropagator = null,
            Expect100ContinueTimeout = TimeSpan.Zero,

            // ALB does not validate the certificates of HTTPS targets (they are often self-signed); locally they are on loopback.
#pragma warning disable CA5359
            SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
#pragma warning restore CA5359
        });
    }

    public void Dispose() => _http.Dispose();

    public async Task ForwardAsync(HttpContext context, TargetGroupSettings group, TargetEntry target, ListenerSettings listener)
    {
        using var timing = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, target.CutToken);
        var idle = listener.IdleTimeout;
        timing.CancelAfter(idle);
        void Activity() => timing.CancelAfter(idle);

        using var request = CreateRequest(context, group, target, listener, Activity);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, timing.Token).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
        {
            await FailAsync(context, target, e).ConfigureAwait(false);
            return;
        }

        using (response)
        {
            Activity();
            CopyResponseHeaders(context, response);
            context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
            try
            {
                if (!HttpMethods.IsHead(context.Request.Method))
                {
                    var body = await response.Content.ReadAsStreamAsync(timing.Token).ConfigureAwait(false);
                    await using (body.ConfigureAwait(false))
                    {
                        await CopyAsync(body, context.Response.Body, Activity, timing.Token).ConfigureAwait(false);
                    }
                }

                CopyTrailers(context, response);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or IOException)
            {
                if (!context.Response.HasStarted)
                {
                    await FailAsync(context, target, e).ConfigureAwait(false);
                    return;
                }

                // Part of the response is out: all a proxy can do is cut the client's connection too.
                context.Abort();
            }
        }
    }

    private static HttpRequestMessage CreateRequest(HttpContext context, TargetGroupSettings group, TargetEntry target, ListenerSettings listener, Action activity)
    {
        var incoming = context.Request;
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/')
        {
            rawTarget = incoming.PathBase + incoming.Path + incoming.QueryString;
        }

        var scheme = group.UseTls ? "https" : "http";
        var request = new HttpRequestMessage(HttpMethod.Parse(incoming.Method), new Uri($"{scheme}://{target.Endpoint}{rawTarget}"))
        {
            Version = group.Http2 ? HttpVersion.Version20 : HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        var connectionTokens = ConnectionTokens(incoming.Headers.Connection);
        if (HasBody(context))
        {
            request.Content = new StreamingRequestContent(incoming.Body, activity);
        }

        foreach (var (name, values) in incoming.Headers)
        {
            if (name.StartsWith(':') || HopByHop.Contains(name) || connectionTokens.Contains(name)
                || name.Equals("Host", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Expect", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("X-Forwarded-", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values))
            {
                request.Content?.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        // gRPC and other HTTP/2 targets need "te: trailers" end to end.
        if (group.Http2 && incoming.Headers.TE.ToString().Equals("trailers", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.TryAddWithoutValidation("TE", "trailers");
        }

        if (incoming.Headers.Host.ToString() is { Length: > 0 } host)
        {
            request.Headers.Host = host;
        }

        AddForwardedHeaders(context, request, listener);
        return request;
    }

    private static bool HasBody(HttpContext context)
    {
        var request = context.Request;
        if (request.ContentLength is not null)
        {
            return true;
        }

        return context.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody ?? request.Headers.TransferEncoding.Count > 0;
    }

    private static void AddForwardedHeaders(HttpContext context, HttpRequestMessage request, ListenerSettings listener)
    {
        var incoming = context.Request.Headers;
        var client = context.Connection.RemoteIpAddress;
        var clientAddress = client is null ? "" : (client.IsIPv4MappedToIPv6 ? client.MapToIPv4() : client).ToString();
        if (listener.XffClientPort && client is not null)
        {
            clientAddress = client.AddressFamily == AddressFamily.InterNetworkV6 && !client.IsIPv4MappedToIPv6
                ? $"[{clientAddress}]:{context.Connection.RemotePort}"
                : $"{clientAddress}:{context.Connection.RemotePort}";
        }

        var existing = string.Join(", ", incoming["X-Forwarded-For"].Where(v => !string.IsNullOrWhiteSpace(v)));
        switch (listener.XffMode)
        {
            case "preserve":
                if (existing.Length > 0)
                {
                    request.Headers.TryAddWithoutValidation("X-Forwarded-For", existing);
                }

                break;
            case "remove":
                break;
            default:
                request.Headers.TryAddWithoutValidation("X-Forwarded-For", existing.Length > 0 ? existing + ", " + clientAddress : clientAddress);
                break;
        }

        request.Headers.TryAddWithoutValidation("X-Forwarded-Proto", listener.Https ? "https" : "http");
        request.Headers.TryAddWithoutValidation("X-Forwarded-Port", listener.Port.ToString(CultureInfo.InvariantCulture));

        // ALB's request tracing header: kept when the client sent one, else a new Root=1-<epoch hex>-<96 random bits>.
        if (!incoming.TryGetValue("X-Amzn-Trace-Id", out var traceId))
        {
            // A trace id names a request, it guards nothing: a fast generator will do.
            Span<byte> random = stackalloc byte[12];
#pragma warning disable CA5394
            Random.Shared.NextBytes(random);
#pragma warning restore CA5394
            var epoch = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString("x8", CultureInfo.InvariantCulture);
            request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", $"Root=1-{epoch}-{Convert.ToHexStringLower(random)}");
        }
        else
        {
            request.Headers.TryAddWithoutValidation("X-Amzn-Trace-Id", (IEnumerable<string>)traceId);
        }
    }

    private static void CopyResponseHeaders(HttpContext context, HttpResponseMessage response)
    {
        var outgoing = context.Response;
        outgoing.StatusCode = (int)response.StatusCode;
        var connectionTokens = response.Headers.NonValidated.TryGetValues("Connection", out var connection)
            ? ConnectionTokens(ToStringValues(connection))
            : FrozenSet<string>.Empty;
        foreach (var (name, values) in response.Headers.NonValidated)
        {
            if (!HopByHop.Contains(name) && !connectionTokens.Contains(name))
            {
                outgoing.Headers[name] = ToStringValues(values);
            }
        }

        foreach (var (name, values) in response.Content.Headers.NonValidated)
        {
            if (!HopByHop.Contains(name) && !connectionTokens.Contains(name))
            {
                outgoing.Headers[name] = ToStringValues(values);
            }
        }
    }

    private static void CopyTrailers(HttpContext context, HttpResponseMessage response)
    {
        // Only HTTP/2 and chunked HTTP/1.1 responses can carry trailers (and asking for them allocates).
        if ((response.Version.Major < 2 && response.Headers.TransferEncodingChunked != true)
            || response.TrailingHeaders.NonValidated.Count == 0 || !context.Response.SupportsTrailers())
        {
            return;
        }

        foreach (var (name, values) in response.TrailingHeaders.NonValidated)
        {
            context.Response.AppendTrailer(name, ToStringValues(values));
        }
    }

    private static StringValues ToStringValues(HeaderStringValues values) =>
        values.Count == 1 ? new StringValues(values.ToString()) : new StringValues([.. values]);

    private static IReadOnlySet<string> ConnectionTokens(StringValues connection)
    {
        if (connection.Count == 0 || (connection.Count == 1 && (connection[0] is "keep-alive" or "close" or "Keep-Alive")))
        {
            // Nothing beyond the hop-by-hop names every request drops anyway.
            return FrozenSet<string>.Empty;
        }

        var tokens = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var value in connection)
        {
            foreach (var token in (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                tokens.Add(token);
            }
        }

        return tokens;
    }

    /// <summary>
    /// Copies a body chunk by chunk; flushes only when the next read would wait, so a streamed response
    /// reaches the client as it is produced while a fast one is not flushed per chunk.
    /// </summary>
    internal static async Task CopyAsync(Stream source, Stream destination, Action activity, CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        try
        {
            var pending = source.ReadAsync(buffer, cancellationToken);
            while (true)
            {
                if (!pending.IsCompleted)
                {
                    await destination.FlushAsync(cancellationToken).ConfigureAwait(false);
                }

                var read = await pending.ConfigureAwait(false);
                if (read == 0)
                {
                    break;
                }

                activity();
                await destination.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
                pending = source.ReadAsync(buffer, cancellationToken);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static async Task FailAsync(HttpContext context, TargetEntry target, Exception error)
    {
        if (context.RequestAborted.IsCancellationRequested)
        {
            // The client left (ALB logs 460); nobody to answer.
            return;
        }

        var status = target.CutToken.IsCancellationRequested ? 502 : IsTimeout(error) ? 504 : 502;
        await ElbErrorPages.WriteAsync(context, status).ConfigureAwait(false);
    }

    private static bool IsTimeout(Exception error) =>
        error is OperationCanceledException || error.InnerException is TimeoutException || error is TimeoutException
        || (error is HttpRequestException { InnerException: OperationCanceledException or TimeoutException });

    /// <summary>A request body streamed from the client to the target as it arrives.</summary>
    private sealed class StreamingRequestContent(Stream source, Action activity) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            CopyAsync(source, stream, activity, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}

using System.Collections.Frozen;
using System.Globalization;
using System.Net.Sockets;
using Fargo.Local.LoadBalancing.Routing;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Primitives;

namespace Fargo.Local.LoadBalancing.DataPlane;

/// <summary>
/// ALB's changes to the headers of a request on its way to a target: hop-by-hop headers dropped (and those the
/// Connection header names), the Host kept, X-Forwarded-For/-Proto/-Port set by the listener's attributes, and
/// X-Amzn-Trace-Id kept or made.
/// </summary>
internal static class AlbHeaders
{
    /// <summary>Hop-by-hop headers (RFC 9110 7.6.1 and the Proxy-* family): never forwarded either way.</summary>
    public static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Proxy-Authenticate", "Proxy-Authorization",
        "TE", "Trailer", "Transfer-Encoding", "Upgrade",
    };

    /// <summary>The client's headers for the target: end-to-end ones only, the Host kept, no X-Forwarded-* of the client's making.</summary>
    public static void CopyRequestHeaders(HttpContext context, HttpRequestMessage request, bool http2)
    {
        var incoming = context.Request;
        var connectionTokens = ConnectionTokens(incoming.Headers.Connection);
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
        if (http2 && incoming.Headers.TE.ToString().Equals("trailers", StringComparison.OrdinalIgnoreCase))
        {
            request.Headers.TryAddWithoutValidation("TE", "trailers");
        }

        if (incoming.Headers.Host.ToString() is { Length: > 0 } host)
        {
            request.Headers.Host = host;
        }
    }

    /// <summary>The request target as the client wrote it (its encoding kept), for the target's request line.</summary>
    public static string RawTarget(HttpContext context)
    {
        var rawTarget = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(rawTarget) || rawTarget[0] != '/')
        {
            var incoming = context.Request;
            rawTarget = incoming.PathBase + incoming.Path + incoming.QueryString;
        }

        return rawTarget;
    }

    public static void AddForwardedHeaders(HttpContext context, HttpRequestMessage request, ListenerSettings listener)
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

    public static IReadOnlySet<string> ConnectionTokens(StringValues connection)
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
}

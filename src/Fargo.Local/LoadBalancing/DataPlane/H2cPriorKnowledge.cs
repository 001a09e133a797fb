using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Connections;

namespace Fargo.Local.LoadBalancing.DataPlane;

/// <summary>
/// HTTP/2 with prior knowledge (h2c) on a cleartext listener that also speaks HTTP/1.1. Kestrel picks
/// HTTP/1.1 for such endpoints (it has no ALPN to go by), so this connection middleware looks at the first
/// bytes: the HTTP/2 connection preface sends the connection on to a loopback endpoint of the same server
/// that speaks HTTP/2 only; anything else continues as HTTP/1.1, no byte lost.
/// </summary>
internal sealed class H2cPriorKnowledge
{
    private static readonly byte[] Preface = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8.ToArray();

    /// <summary>
    /// The HTTP/2-only endpoint, known once the server is bound: on the listener's own loopback address, which is
    /// 127.0.0.1 only for the first load balancer.
    /// </summary>
    public IPEndPoint? Http2Endpoint { get; set; }

    public ConnectionDelegate Wrap(ConnectionDelegate next) => async connection =>
    {
        var input = connection.Transport.Input;
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(connection.ConnectionClosed).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var buffer = result.Buffer;
            var verdict = Compare(buffer);
            if (verdict == null && !result.IsCompleted)
            {
                input.AdvanceTo(buffer.Start, buffer.End);
                continue;
            }

            input.AdvanceTo(buffer.Start);
            if (verdict == true)
            {
                await RelayAsync(connection).ConfigureAwait(false);
                return;
            }

            break;
        }

        await next(connection).ConfigureAwait(false);
    };

    /// <summary>True: the preface; false: not HTTP/2; null: too few bytes yet to tell.</summary>
    private static bool? Compare(ReadOnlySequence<byte> buffer)
    {
        var length = (int)Math.Min(buffer.Length, Preface.Length);
        Span<byte> head = stackalloc byte[Preface.Length];
        buffer.Slice(0, length).CopyTo(head);
        if (!head[..length].SequenceEqual(Preface.AsSpan(0, length)))
        {
            return false;
        }

        return length == Preface.Length ? true : null;
    }

    private async Task RelayAsync(ConnectionContext connection)
    {
        using var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await upstream.ConnectAsync(Http2Endpoint ?? throw new InvalidOperationException("the HTTP/2 endpoint is not bound yet"), connection.ConnectionClosed).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException)
        {
            return;
        }

        await using var stream = new NetworkStream(upstream, ownsSocket: false);
        var toServer = PumpAsync(connection.Transport.Input, stream, upstream);
        var toClient = stream.CopyToAsync(connection.Transport.Output.AsStream(leaveOpen: true));
        await Task.WhenAny(toServer, toClient).ConfigureAwait(false);
        Shutdown(upstream, SocketShutdown.Both);
        try
        {
            await Task.WhenAll(toServer, toClient).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // One side closed; the other follows.
        }
    }

    private static async Task PumpAsync(PipeReader input, NetworkStream stream, Socket upstream)
    {
        try
        {
            while (true)
            {
                var result = await input.ReadAsync().ConfigureAwait(false);
                foreach (var segment in result.Buffer)
                {
                    await stream.WriteAsync(segment).ConfigureAwait(false);
                }

                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                {
                    break;
                }
            }
        }
        finally
        {
            Shutdown(upstream, SocketShutdown.Send);
        }
    }

    private static void Shutdown(Socket socket, SocketShutdown how)
    {
        try
        {
            socket.Shutdown(how);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }
}

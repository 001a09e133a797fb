using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.ServiceDiscovery;

/// <summary>
/// The local stand-in for a Cloud Map service's DNS answer: on the service's loopback address and a container port
/// of its instances, a TCP listener that hands each connection to the next registered instance (round robin over
/// what the registry holds at that moment, as a client resolving the A records per connection spreads its calls),
/// trying the next one when an instance refuses. Any protocol passes; nothing is read or changed.
/// </summary>
internal sealed partial class ServiceEndpoints(Func<string, IReadOnlyList<DiscoveredInstance>> instances, ILogger logger) : IAsyncDisposable
{
    private readonly Dictionary<(string ServiceId, int Port), Endpoint> _open = [];
    private readonly Lock _gate = new();

    public void Open(string serviceId, string address, int port)
    {
        lock (_gate)
        {
            if (_open.ContainsKey((serviceId, port)))
            {
                return;
            }

            var listener = new TcpListener(IPAddress.Parse(address), port);
            try
            {
                listener.Start();
            }
            catch (SocketException e)
            {
                LogCannotListen(logger, address, port, e.Message);
                return;
            }

            var endpoint = new Endpoint(listener, new CancellationTokenSource());
            _open[(serviceId, port)] = endpoint;
            _ = AcceptAsync(serviceId, port, endpoint);
        }
    }

    public void Close(string serviceId)
    {
        List<Endpoint> closing;
        lock (_gate)
        {
            closing = [.. _open.Where(e => e.Key.ServiceId == serviceId).Select(e => e.Value)];
            foreach (var key in _open.Keys.Where(k => k.ServiceId == serviceId).ToList())
            {
                _open.Remove(key);
            }
        }

        foreach (var endpoint in closing)
        {
            endpoint.Stop();
        }
    }

    public ValueTask DisposeAsync()
    {
        lock (_gate)
        {
            foreach (var endpoint in _open.Values)
            {
                endpoint.Stop();
            }

            _open.Clear();
        }

        return ValueTask.CompletedTask;
    }

    private async Task AcceptAsync(string serviceId, int port, Endpoint endpoint)
    {
        var next = 0;
        while (!endpoint.Stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await endpoint.Listener.AcceptTcpClientAsync(endpoint.Stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            var candidates = instances(serviceId).Where(i => i.ContainerPort == port).ToList();
            var start = next++;
            _ = ForwardAsync(client, [.. candidates.Skip(start % Math.Max(1, candidates.Count)).Concat(candidates.Take(start % Math.Max(1, candidates.Count)))], endpoint.Stopping.Token);
        }
    }

    private static async Task ForwardAsync(TcpClient client, IReadOnlyList<DiscoveredInstance> candidates, CancellationToken cancellationToken)
    {
        using (client)
        {
            foreach (var instance in candidates)
            {
                using var upstream = new TcpClient();
                try
                {
                    await upstream.ConnectAsync(IPAddress.Parse(instance.Ipv4), instance.Port, cancellationToken).ConfigureAwait(false);
                }
                catch (SocketException)
                {
                    continue;
                }

                try
                {
                    var downstreamStream = client.GetStream();
                    var upstreamStream = upstream.GetStream();
                    var toInstance = PumpAsync(downstreamStream, upstreamStream, upstream.Client, cancellationToken);
                    var toCaller = PumpAsync(upstreamStream, downstreamStream, client.Client, cancellationToken);
                    await Task.WhenAll(toInstance, toCaller).ConfigureAwait(false);
                }
                catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
                {
                    // Either side went away: the connection ends as it would between two tasks.
                }

                return;
            }
        }
    }

    private static async Task PumpAsync(Stream from, Stream to, Socket toSocket, CancellationToken cancellationToken)
    {
        await from.CopyToAsync(to, cancellationToken).ConfigureAwait(false);
        try
        {
            toSocket.Shutdown(SocketShutdown.Send);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            // Already closed.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cloud Map endpoint {Address}:{Port} cannot listen: {Reason}")]
    private static partial void LogCannotListen(ILogger logger, string address, int port, string reason);

    private sealed record Endpoint(TcpListener Listener, CancellationTokenSource Stopping)
    {
        public void Stop()
        {
            Stopping.Cancel();
            Listener.Stop();
            Stopping.Dispose();
        }
    }
}

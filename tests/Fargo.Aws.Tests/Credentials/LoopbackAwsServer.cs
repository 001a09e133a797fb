using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fargo.Aws.Tests.Credentials;

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 that hands each request, exactly as it arrived on the wire, to a handler.
/// One request per connection (it answers with Connection: close), Content-Length bodies only — what AWS clients send.
/// </summary>
internal sealed class LoopbackAwsServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly Func<AwsWireRequest, AwsWireResponse> _handle;

    public LoopbackAwsServer(Func<AwsWireRequest, AwsWireResponse> handle)
    {
        _handle = handle;
        _listener.Start();
        _loop = AcceptLoopAsync();
    }

    public Uri Url => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            var chunk = new byte[8192];
            int headerEnd;
            while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
            {
                var read = await stream.ReadAsync(chunk, _stop.Token);
                if (read == 0)
                {
                    return;
                }
                buffer.AddRange(chunk.AsSpan(0, read));
            }
            var head = Encoding.ASCII.GetString([.. buffer.Take(headerEnd)]).Split("\r\n");
            var requestLine = head[0].Split(' ');
            var headers = head.Skip(1).Where(l => l.Length > 0)
                .Select(l => new KeyValuePair<string, string>(l[..l.IndexOf(':', StringComparison.Ordinal)], l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()))
                .ToList();
            var length = int.Parse(AwsHeaders.Get(headers, "Content-Length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            var body = buffer.Skip(headerEnd + 4).ToList();
            while (body.Count < length)
            {
                var read = await stream.ReadAsync(chunk, _stop.Token);
                if (read == 0)
                {
                    break;
                }
                body.AddRange(chunk.AsSpan(0, read));
            }
            var target = requestLine[1];
            var question = target.IndexOf('?', StringComparison.Ordinal);
            var request = new AwsWireRequest(requestLine[0], question < 0 ? target : target[..question], question < 0 ? "" : target[(question + 1)..],
                headers, body.ToArray());

            var response = _handle(request);

            var text = new StringBuilder($"HTTP/1.1 {response.StatusCode} {(HttpStatusCode)response.StatusCode}\r\n");
            foreach (var (name, value) in response.Headers)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
            text.Append("Content-Length: ").Append(response.Body.Length).Append("\r\nConnection: close\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), _stop.Token);
            await stream.WriteAsync(response.Body, _stop.Token);
        }
    }

    private static int IndexOfHeaderEnd(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }
        return -1;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        _stop.Dispose();
    }
}

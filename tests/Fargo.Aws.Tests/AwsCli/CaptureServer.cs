using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Fargo.Aws.Tests.AwsCli;

/// <summary>A canned HTTP answer.</summary>
public sealed record CannedResponse(int Status, string ContentType, string Body);

/// <summary>
/// A loopback HTTP/1.1 server that records every request exactly as it arrived (raw path and query, header lines in
/// order, body bytes) and answers each with a canned response. Each connection serves one request and is
/// closed, which both the AWS CLI and HttpClient handle; that keeps the parser small.
/// </summary>
public sealed class CaptureServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<AwsWireRequest> _requests = new();
    private readonly Func<AwsWireRequest, CannedResponse> _respond;
    private readonly Task _acceptLoop;

    public CaptureServer(CannedResponse response)
        : this(_ => response)
    {
    }

    /// <summary>A server whose answer depends on the request (e.g. on the page token it carries).</summary>
    public CaptureServer(Func<AwsWireRequest, CannedResponse> respond)
    {
        _respond = respond;
        _listener.Start();
        _acceptLoop = AcceptAsync();
    }

    public Uri Endpoint => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");

    /// <summary>The requests received so far, in arrival order; taking them empties the list.</summary>
    public IReadOnlyList<AwsWireRequest> TakeRequests()
    {
        var taken = new List<AwsWireRequest>();
        while (_requests.TryDequeue(out var request))
        {
            taken.Add(request);
        }
        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (OperationCanceledException)
        {
        }
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
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
            var request = await ReadRequestAsync(stream, _stop.Token);
            if (request is null)
            {
                return;
            }
            _requests.Enqueue(request);

            var response = _respond(request);
            var body = Encoding.UTF8.GetBytes(response.Body);
            var head = new StringBuilder()
                .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {response.Status} {(response.Status == 200 ? "OK" : "Error")}\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Type: {response.ContentType}\r\n")
                .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n")
                .Append("x-amzn-RequestId: 4f1b7d0e-capture\r\n")
                .Append("Connection: close\r\n\r\n")
                .ToString();
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head), _stop.Token);
            await stream.WriteAsync(body, _stop.Token);
            await stream.FlushAsync(_stop.Token);
        }
    }

    private static async Task<AwsWireRequest?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var chunk = new byte[8192];
        int headerEnd;
        while ((headerEnd = IndexOfHeaderEnd(buffer)) < 0)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                return null;
            }
            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var lines = Encoding.ASCII.GetString([.. buffer.Take(headerEnd)]).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var target = requestLine[1];
        var question = target.IndexOf('?', StringComparison.Ordinal);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers.Add(new(line[..colon], line[(colon + 1)..].Trim()));
        }

        var length = int.Parse(AwsHeaders.Get(headers, "Content-Length") ?? "0", CultureInfo.InvariantCulture);
        var body = buffer.Skip(headerEnd + 4).ToList();
        while (body.Count < length)
        {
            var read = await stream.ReadAsync(chunk, cancellationToken);
            if (read == 0)
            {
                break;
            }
            body.AddRange(chunk.AsSpan(0, read));
        }

        return new AwsWireRequest(
            requestLine[0],
            question < 0 ? target : target[..question],
            question < 0 ? "" : target[(question + 1)..],
            headers,
            body.ToArray());
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
}

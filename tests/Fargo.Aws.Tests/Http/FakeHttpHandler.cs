using System.Net;
using System.Text;
using Fargo.Aws.Credentials;
using Fargo.Aws.Http;

namespace Fargo.Aws.Tests.Http;

/// <summary>A request as the handler received it, headers and body included.</summary>
internal sealed record CapturedRequest(HttpMethod Method, Uri Uri, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string? Header(string name) => AwsHeaders.Get(Headers, name);

    public string BodyText => Encoding.UTF8.GetString(Body);

    public AwsWireRequest ToWire() => new(Method.Method, Uri.AbsolutePath, Uri.Query.TrimStart('?'), Headers, Body);
}

/// <summary>An HttpMessageHandler that answers from a script and records what it was sent.</summary>
internal sealed class FakeHttpHandler(Func<CapturedRequest, int, CancellationToken, Task<HttpResponseMessage>> respond) : HttpMessageHandler
{
    private readonly List<CapturedRequest> _requests = [];

    public IReadOnlyList<CapturedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Answers each attempt from the list in turn (the last one repeats).</summary>
    public static FakeHttpHandler Sequence(params Func<HttpResponseMessage>[] responses) =>
        new((_, attempt, _) => Task.FromResult(responses[Math.Min(attempt, responses.Length - 1)]()));

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var headers = request.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))).ToList();
        var body = Array.Empty<byte>();
        if (request.Content is not null)
        {
            headers.AddRange(request.Content.Headers.SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v))));
            body = await request.Content.ReadAsByteArrayAsync(cancellationToken);
        }
        var captured = new CapturedRequest(request.Method, request.RequestUri!, headers, body);
        int attempt;
        lock (_requests)
        {
            attempt = _requests.Count;
            _requests.Add(captured);
        }
        return await respond(captured, attempt, cancellationToken);
    }
}

internal static class Responses
{
    public static HttpResponseMessage Json(HttpStatusCode status, string json, params (string Name, string Value)[] headers)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(json, Encoding.UTF8) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/x-amz-json-1.1");
        foreach (var (name, value) in headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }
        return response;
    }

    public static HttpResponseMessage Xml(HttpStatusCode status, string xml)
    {
        var response = new HttpResponseMessage(status) { Content = new StringContent(xml, Encoding.UTF8) };
        response.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("text/xml");
        return response;
    }

    public static HttpResponseMessage Ok(string json = "{}") => Json(HttpStatusCode.OK, json, ("x-amzn-RequestId", "req-ok"));

    public static HttpResponseMessage Throttled() =>
        Json(HttpStatusCode.BadRequest, """{"__type":"ThrottlingException","message":"Rate exceeded"}""", ("x-amzn-RequestId", "req-throttled"));
}

internal static class TestClients
{
    public static readonly AwsCredentials Credentials = new("AKIATESTTESTTEST0001", "test-secret");

    public static AwsClientOptions Options(HttpMessageHandler handler, AwsRetryOptions? retry = null) => new()
    {
        Region = "us-east-1",
        Credentials = new StaticAwsCredentialsProvider(Credentials),
        Endpoints = Fargo.Aws.Endpoints.AwsEndpointResolver.Fixed(new Uri("http://127.0.0.1:4566")),
        Handler = handler,
        Retry = retry ?? FastRetry(),
    };

    /// <summary>Retries with tiny delays so the tests stay fast.</summary>
    public static AwsRetryOptions FastRetry(int maxAttempts = 4) =>
        new() { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(1), MaxDelay = TimeSpan.FromMilliseconds(5) };
}

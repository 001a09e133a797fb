using System.Net;
using System.Text;
using Fargo.Aws.Credentials;
using Fargo.Aws.Http;
using Fargo.Aws.Signing;

namespace Fargo.Aws.Tests.Http;

public sealed class AwsHttpClientTests
{
    private static AwsHttpRequest EcsRequest() => new(
        HttpMethod.Post, "/", "", [new("X-Amz-Target", "AmazonEC2ContainerServiceV20141113.ListClusters")], Encoding.UTF8.GetBytes("{}"),
        "application/x-amz-json-1.1");

    private static Task<AwsHttpResponse> Send(AwsHttpClient client, CancellationToken cancellationToken = default) =>
        client.SendAsync(AwsServices.Ecs, "ListClusters", EcsRequest(), cancellationToken);

    [Fact]
    public async Task Requests_go_to_the_resolved_endpoint_signed_for_the_service_and_region()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Ok("""{"clusterArns":[]}"""));
        using var client = new AwsHttpClient(TestClients.Options(handler));

        var response = await Send(client);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("req-ok", response.RequestId);
        var sent = Assert.Single(handler.Requests);
        Assert.Equal(new Uri("http://127.0.0.1:4566/"), sent.Uri);
        Assert.Equal("application/x-amz-json-1.1", sent.Header("Content-Type"));
        Assert.Equal("AmazonEC2ContainerServiceV20141113.ListClusters", sent.Header("X-Amz-Target"));
        var verifier = new SigV4Verifier(key => key == TestClients.Credentials.AccessKeyId ? TestClients.Credentials : null, TimeProvider.System);
        Assert.True(verifier.Verify(sent.ToWire(), "us-east-1", "ecs").IsValid);
    }

    [Fact]
    public async Task An_endpoint_with_a_base_path_keeps_it()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Ok());
        var options = TestClients.Options(handler) with { Endpoints = Fargo.Aws.Endpoints.AwsEndpointResolver.Fixed(new Uri("http://127.0.0.1:4566/aws/")) };
        using var client = new AwsHttpClient(options);

        await Send(client);

        Assert.Equal("/aws/", handler.Requests.Single().Uri.AbsolutePath);
    }

    public static TheoryData<string, int, string> RetryableFailures => new()
    {
        { "ThrottlingException", 400, """{"__type":"ThrottlingException","message":"Rate exceeded"}""" },
        { "Throttling", 400, """{"__type":"Throttling","message":"Rate exceeded"}""" },
        { "TooManyRequestsException", 400, """{"__type":"TooManyRequestsException"}""" },
        { "RequestLimitExceeded", 400, """{"__type":"RequestLimitExceeded"}""" },
        { "ProvisionedThroughputExceededException", 400, """{"__type":"ProvisionedThroughputExceededException"}""" },
        { "HTTP 429", 429, "" },
        { "HTTP 500", 500, """{"__type":"ServerException","message":"boom"}""" },
        { "HTTP 502 from a proxy", 502, "<html>Bad Gateway</html>" },
        { "HTTP 503", 503, """{"__type":"ServiceUnavailableException"}""" },
    };

    [Theory]
    [MemberData(nameof(RetryableFailures))]
    public async Task Throttling_and_server_errors_are_retried_until_success(string failure, int status, string body)
    {
        var events = new List<AwsRetryEvent>();
        var handler = FakeHttpHandler.Sequence(
            () => Responses.Json((HttpStatusCode)status, body),
            () => Responses.Json((HttpStatusCode)status, body),
            () => Responses.Ok());
        using var client = new AwsHttpClient(TestClients.Options(handler, TestClients.FastRetry() with { OnRetry = events.Add }));

        var response = await Send(client);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal([1, 2], events.Select(e => e.FailedAttempt));
        Assert.All(events, e => Assert.Equal(("ECS", "ListClusters"), (e.Service, e.Operation)));
        Assert.NotNull(failure);
    }

    [Fact]
    public async Task Each_retry_is_signed_afresh()
    {
        var clock = new SteppingClock(new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero), TimeSpan.FromSeconds(7));
        var handler = FakeHttpHandler.Sequence(Responses.Throttled, () => Responses.Ok());
        using var client = new AwsHttpClient(TestClients.Options(handler) with { TimeProvider = clock });

        await Send(client);

        var dates = handler.Requests.Select(r => r.Header("X-Amz-Date")).ToList();
        Assert.Equal(2, dates.Distinct().Count());
    }

    [Fact]
    public async Task A_client_error_is_not_retried_and_surfaces_as_a_typed_exception()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Json(HttpStatusCode.BadRequest,
            """{"__type":"ClusterNotFoundException","message":"Cluster not found."}""", ("x-amzn-RequestId", "8d7a-req")));
        using var client = new AwsHttpClient(TestClients.Options(handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Send(client));

        Assert.Single(handler.Requests);
        Assert.Equal(("ECS", "ListClusters", "ClusterNotFoundException", "Cluster not found.", "8d7a-req", 400),
            (error.Service, error.Operation, error.Code, error.Message, error.RequestId, error.HttpStatus));
    }

    [Fact]
    public async Task After_the_last_attempt_the_last_error_is_thrown()
    {
        var handler = FakeHttpHandler.Sequence(Responses.Throttled);
        using var client = new AwsHttpClient(TestClients.Options(handler, TestClients.FastRetry(maxAttempts: 3)));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => Send(client));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal("ThrottlingException", error.Code);
        Assert.True(AwsRetryPolicy.IsThrottling(error));
    }

    [Fact]
    public async Task A_single_attempt_configuration_never_retries()
    {
        var handler = FakeHttpHandler.Sequence(Responses.Throttled, () => Responses.Ok());
        using var client = new AwsHttpClient(TestClients.Options(handler, TestClients.FastRetry(maxAttempts: 1)));

        await Assert.ThrowsAsync<AwsServiceException>(() => Send(client));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Backoff_is_exponential_with_jitter_and_capped()
    {
        var events = new List<AwsRetryEvent>();
        var handler = FakeHttpHandler.Sequence(Responses.Throttled);
        var retry = new AwsRetryOptions
        {
            MaxAttempts = 6,
            BaseDelay = TimeSpan.FromMilliseconds(4),
            MaxDelay = TimeSpan.FromMilliseconds(20),
            Jitter = () => 0.5,
            OnRetry = events.Add,
        };
        using var client = new AwsHttpClient(TestClients.Options(handler, retry));

        await Assert.ThrowsAsync<AwsServiceException>(() => Send(client));

        // half of min(20ms, 4ms × 2^n): 2, 4, 8, 10, 10
        Assert.Equal([2.0, 4.0, 8.0, 10.0, 10.0], events.Select(e => e.Delay.TotalMilliseconds));
    }

    [Fact]
    public async Task Full_jitter_keeps_every_delay_within_its_ceiling()
    {
        var events = new List<AwsRetryEvent>();
        var handler = FakeHttpHandler.Sequence(Responses.Throttled);
        var retry = new AwsRetryOptions { MaxAttempts = 5, BaseDelay = TimeSpan.FromMilliseconds(2), MaxDelay = TimeSpan.FromMilliseconds(6), OnRetry = events.Add };
        using var client = new AwsHttpClient(TestClients.Options(handler, retry));

        await Assert.ThrowsAsync<AwsServiceException>(() => Send(client));

        Assert.Equal(4, events.Count);
        Assert.All(events.Select((e, n) => (e.Delay.TotalMilliseconds, Ceiling: Math.Min(6, 2 * Math.Pow(2, n)))),
            d => Assert.InRange(d.TotalMilliseconds, 0, d.Ceiling));
    }

    [Fact]
    public async Task The_retry_budget_stops_retries_when_spent_and_refills_on_success()
    {
        var failing = true;
        var handler = new FakeHttpHandler((_, _, _) => Task.FromResult(failing
            ? Responses.Json(HttpStatusCode.ServiceUnavailable, """{"__type":"ServiceUnavailableException"}""")
            : Responses.Ok()));
        var retry = TestClients.FastRetry(maxAttempts: 10) with { BudgetCapacity = 12, RetryCost = 5 };
        using var client = new AwsHttpClient(TestClients.Options(handler, retry));

        await Assert.ThrowsAsync<AwsServiceException>(() => Send(client));
        Assert.Equal(3, handler.Requests.Count); // two retries cost 10 of 12 tokens; a third would need 5
        Assert.Equal(2, client.RetryBudgetAvailable);

        await Assert.ThrowsAsync<AwsServiceException>(() => Send(client));
        Assert.Equal(4, handler.Requests.Count); // budget empty: no retry at all

        failing = false;
        await Send(client);
        Assert.Equal(3, client.RetryBudgetAvailable);
    }

    [Fact]
    public async Task Network_failures_are_retried_then_reported_with_the_endpoint()
    {
        var handler = new FakeHttpHandler((_, _, _) => throw new HttpRequestException("Connection refused (127.0.0.1:4566)"));
        using var client = new AwsHttpClient(TestClients.Options(handler, TestClients.FastRetry(maxAttempts: 3)));

        var error = await Assert.ThrowsAsync<AwsTransportException>(() => Send(client));

        Assert.Equal(3, handler.Requests.Count);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), error.Endpoint);
        Assert.Contains("Connection refused", error.Message, StringComparison.Ordinal);
        Assert.IsType<HttpRequestException>(error.InnerException);
    }

    [Fact]
    public async Task A_slow_attempt_times_out_and_is_retried()
    {
        var handler = new FakeHttpHandler(async (_, attempt, token) =>
        {
            if (attempt == 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(30), token);
            }
            return Responses.Ok();
        });
        using var client = new AwsHttpClient(TestClients.Options(handler) with { AttemptTimeout = TimeSpan.FromMilliseconds(100) });

        var response = await Send(client);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(2, handler.Requests.Count);
    }

    [Fact]
    public async Task When_every_attempt_times_out_the_error_says_so()
    {
        var handler = new FakeHttpHandler(async (_, _, token) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Responses.Ok();
        });
        using var client = new AwsHttpClient(TestClients.Options(handler, TestClients.FastRetry(maxAttempts: 2)) with { AttemptTimeout = TimeSpan.FromMilliseconds(50) });

        var error = await Assert.ThrowsAsync<AwsTransportException>(() => Send(client));

        Assert.Equal(2, handler.Requests.Count);
        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_total_timeout_bounds_a_call_including_retries()
    {
        var handler = FakeHttpHandler.Sequence(Responses.Throttled);
        var retry = new AwsRetryOptions { MaxAttempts = 50, BaseDelay = TimeSpan.FromMilliseconds(200), MaxDelay = TimeSpan.FromMilliseconds(200), Jitter = () => 1 };
        using var client = new AwsHttpClient(TestClients.Options(handler, retry) with { TotalTimeout = TimeSpan.FromMilliseconds(500) });

        var started = DateTime.UtcNow;
        var error = await Assert.ThrowsAsync<AwsTransportException>(() => Send(client));

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(5));
        Assert.Contains("did not complete within", error.Message, StringComparison.Ordinal);
        Assert.InRange(handler.Requests.Count, 2, 4);
    }

    [Fact]
    public async Task Cancelling_during_an_attempt_stops_at_once_without_retrying()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = new FakeHttpHandler(async (_, _, token) =>
        {
            await cancellation.CancelAsync();
            await Task.Delay(TimeSpan.FromSeconds(30), token);
            return Responses.Ok();
        });
        using var client = new AwsHttpClient(TestClients.Options(handler));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(client, cancellation.Token));

        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task A_call_with_an_already_cancelled_token_sends_nothing()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Ok());
        using var client = new AwsHttpClient(TestClients.Options(handler));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(client, new CancellationToken(canceled: true)));

        Assert.Empty(handler.Requests);
    }

    [Fact]
    public async Task Cancelling_during_a_backoff_delay_stops_at_once()
    {
        using var cancellation = new CancellationTokenSource();
        var handler = FakeHttpHandler.Sequence(Responses.Throttled);
        var retry = new AwsRetryOptions { BaseDelay = TimeSpan.FromSeconds(30), MaxDelay = TimeSpan.FromSeconds(30), Jitter = () => 1, OnRetry = _ => cancellation.CancelAfter(50) };
        using var client = new AwsHttpClient(TestClients.Options(handler, retry));

        var started = DateTime.UtcNow;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Send(client, cancellation.Token));

        Assert.InRange(DateTime.UtcNow - started, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.Single(handler.Requests);
    }

    [Fact]
    public async Task Session_credentials_send_their_token()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Ok());
        var options = TestClients.Options(handler) with { Credentials = new StaticAwsCredentialsProvider(new AwsCredentials("ASIAX", "s", "tok")) };
        using var client = new AwsHttpClient(options);

        await Send(client);

        Assert.Equal("tok", handler.Requests.Single().Header("X-Amz-Security-Token"));
    }

    [Fact]
    public async Task Expired_credentials_become_a_credentials_error_that_says_what_to_do()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Json(HttpStatusCode.BadRequest,
            """{"__type":"ExpiredTokenException","message":"The security token included in the request is expired"}"""));
        var options = TestClients.Options(handler) with { Credentials = new HintingProvider("Run `aws sso login --profile dev`.") };
        using var client = new AwsHttpClient(options);

        var error = await Assert.ThrowsAsync<AwsCredentialsException>(() => Send(client));

        Assert.Contains("expired", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("Run `aws sso login --profile dev`.", error.Message, StringComparison.Ordinal);
        Assert.Equal("ExpiredTokenException", Assert.IsType<AwsServiceException>(error.InnerException).Code);
    }

    private sealed class HintingProvider(string hint) : IAwsCredentialsProvider
    {
        public ValueTask<AwsCredentials> GetCredentialsAsync(CancellationToken cancellationToken) => ValueTask.FromResult(TestClients.Credentials);

        public string? RenewalHint => hint;
    }

    private sealed class SteppingClock(DateTimeOffset start, TimeSpan step) : TimeProvider
    {
        private long _calls;

        public override DateTimeOffset GetUtcNow() => start + (step * Interlocked.Increment(ref _calls));
    }
}

using System.Net.Http.Headers;
using Fargo.Aws.Credentials;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Signing;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Fargo.Aws.Http;

/// <summary>Everything a client needs to reach AWS (or the local region).</summary>
public sealed record AwsClientOptions
{
    /// <summary>The region requests are signed for and sent to (a global service's public endpoint, e.g. IAM's, names its own signing region).</summary>
    public required string Region { get; init; }

    public required IAwsCredentialsProvider Credentials { get; init; }

    /// <summary>Where each service is; defaults to AWS's public endpoints (no overrides).</summary>
    public IAwsEndpointResolver Endpoints { get; init; } = AwsEndpointResolver.PublicEndpoints;

    /// <summary>The handler requests go through; tests inject a fake one. Not disposed by the client when given.</summary>
    public HttpMessageHandler? Handler { get; init; }

    /// <summary>How long one attempt may take, response body included.</summary>
    public TimeSpan AttemptTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a call may take, all attempts and backoff delays included.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(2);

    public AwsRetryOptions Retry { get; init; } = new();

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public string UserAgent { get; init; } = "fargo";

    /// <summary>
    /// Options as AWS CLI v2 would configure itself from <paramref name="environment"/>: the profile (explicit, else
    /// AWS_PROFILE, else "default"), its credentials, the region (explicit, AWS_REGION, AWS_DEFAULT_REGION, the profile's),
    /// and endpoints (explicit, AWS_ENDPOINT_URL_*, AWS_ENDPOINT_URL, the profile's). Throws
    /// <see cref="AwsCredentialsException"/> or <see cref="AwsConfigurationException"/> with what to do when something is missing.
    /// </summary>
    public static AwsClientOptions FromEnvironment(IAwsEnvironment environment, string? profile = null, string? region = null, Uri? endpointUrl = null)
    {
        var config = AwsSharedConfig.Load(environment);
        return new AwsClientOptions
        {
            Region = AwsRegionResolver.Resolve(environment, config, region, profile),
            Credentials = new AwsCredentialsResolver(environment, config, profile).Resolve(),
            Endpoints = new AwsEndpointResolver(environment, config, profile, endpointUrl),
        };
    }
}

/// <summary>A request to send: everything but the endpoint and the signature.</summary>
public sealed record AwsHttpRequest(
    HttpMethod Method,
    string Path,
    string Query,
    IReadOnlyList<KeyValuePair<string, string>> Headers,
    ReadOnlyMemory<byte> Body,
    string ContentType);

/// <summary>A successful (2xx) response.</summary>
public sealed record AwsHttpResponse(int StatusCode, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    /// <summary>The request id from x-amzn-RequestId (or x-amz-request-id), if sent.</summary>
    public string? RequestId => AwsHeaders.Get(Headers, "x-amzn-RequestId") ?? AwsHeaders.Get(Headers, "x-amz-request-id");
}

/// <summary>
/// Sends requests to AWS services: resolves the endpoint, signs with SigV4 (fresh credentials and time on each
/// attempt), sends, and retries throttling, 5xx, network failures and timeouts (see <see cref="AwsRetryOptions"/>).
/// Error responses become <see cref="AwsServiceException"/>; unreachable endpoints <see cref="AwsTransportException"/>.
/// One instance per region and credentials; it is thread-safe and meant to be shared.
/// </summary>
public sealed class AwsHttpClient : IDisposable
{
    /// <summary>Codes AWS answers when temporary credentials are past their expiry.</summary>
    private static readonly HashSet<string> ExpiredCredentialCodes = new(StringComparer.Ordinal) { "ExpiredToken", "ExpiredTokenException" };

    private readonly AwsClientOptions _options;
    private readonly HttpClient _http;
    private readonly AwsRetryBudget _budget;
    private readonly Func<double> _jitter;

    public AwsHttpClient(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Retry.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Retry.MaxAttempts must be at least 1.");
        }
        _options = options;
        _http = options.Handler is null
            ? new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }, disposeHandler: true)
            : new HttpClient(options.Handler, disposeHandler: false);
        _http.Timeout = Timeout.InfiniteTimeSpan; // attempts and calls have their own timeouts
        _budget = new AwsRetryBudget(options.Retry.BudgetCapacity);
        _jitter = options.Retry.Jitter ?? Random.Shared.NextDouble;
    }

    public AwsClientOptions Options => _options;

    /// <summary>Tokens left in the retry budget.</summary>
    internal int RetryBudgetAvailable => _budget.Available;

    /// <summary>Sends a request and returns its 2xx response, retrying what is worth retrying.</summary>
    public async Task<AwsHttpResponse> SendAsync(AwsServiceDescription service, string operation, AwsHttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(request);
        var resolved = _options.Endpoints.Resolve(service, _options.Region);
        var endpoint = resolved.Url;
        var signingRegion = resolved.SigningRegion ?? _options.Region;
        var acquired = 0;
        var retry = _options.Retry;
        var pipeline = new ResiliencePipelineBuilder<AttemptOutcome> { TimeProvider = _options.TimeProvider }
            .AddTimeout(_options.TotalTimeout)
            .AddRetry(new RetryStrategyOptions<AttemptOutcome>
            {
                MaxRetryAttempts = Math.Max(retry.MaxAttempts - 1, 1),
                ShouldHandle = args =>
                {
                    if (retry.MaxAttempts == 1 || args.AttemptNumber + 1 >= retry.MaxAttempts || args.Outcome.Result is not { IsRetryable: true } outcome)
                    {
                        return PredicateResult.False();
                    }
                    var cost = outcome.TimedOut ? retry.TimeoutRetryCost : retry.RetryCost;
                    if (!_budget.TryAcquire(cost))
                    {
                        return PredicateResult.False();
                    }
                    acquired += cost;
                    return PredicateResult.True();
                },
                DelayGenerator = args =>
                {
                    var ceiling = Math.Min(retry.MaxDelay.TotalMilliseconds, retry.BaseDelay.TotalMilliseconds * Math.Pow(2, args.AttemptNumber));
                    return ValueTask.FromResult<TimeSpan?>(TimeSpan.FromMilliseconds(_jitter() * ceiling));
                },
                OnRetry = args =>
                {
                    retry.OnRetry?.Invoke(new AwsRetryEvent(service.ServiceId, operation, args.AttemptNumber + 1, args.RetryDelay, args.Outcome.Result!.Reason));
                    return ValueTask.CompletedTask;
                },
            })
            .Build();

        AttemptOutcome final;
        try
        {
            final = await pipeline.ExecuteAsync(
                (token) => new ValueTask<AttemptOutcome>(AttemptAsync(service, operation, endpoint, signingRegion, request, token)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutRejectedException timeout)
        {
            throw new AwsTransportException(service.ServiceId, operation, endpoint,
                $"{service.ServiceId} {operation} at {endpoint} did not complete within {_options.TotalTimeout.TotalSeconds:0.#}s (retries included).", timeout);
        }

        if (final.Response is not null)
        {
            _budget.Release(acquired > 0 ? acquired : 1);
            return final.Response;
        }
        if (final.ServiceError is not null)
        {
            if (ExpiredCredentialCodes.Contains(final.ServiceError.Code))
            {
                throw new AwsCredentialsException(
                    $"{service.ServiceId} says the AWS credentials have expired ({final.ServiceError.Code}: {final.ServiceError.Message}). " +
                    (_options.Credentials.RenewalHint ?? "Get fresh credentials and try again."),
                    innerException: final.ServiceError);
            }
            throw final.ServiceError;
        }
        throw new AwsTransportException(service.ServiceId, operation, endpoint,
            final.TimedOut
                ? $"{service.ServiceId} {operation} at {endpoint} timed out after {_options.AttemptTimeout.TotalSeconds:0.#}s."
                : $"Could not reach {service.ServiceId} at {endpoint}: {final.TransportError!.Message}",
            final.TransportError);
    }

    private async Task<AttemptOutcome> AttemptAsync(
        AwsServiceDescription service, string operation, Uri endpoint, string signingRegion, AwsHttpRequest request, CancellationToken cancellationToken)
    {
        // Credentials are fetched per attempt: a refreshing provider may have rotated them since the last one.
        var credentials = await _options.Credentials.GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        using var message = BuildMessage(endpoint, request);
        await SigV4Signer.SignAsync(message, credentials, new SigV4SigningOptions(signingRegion, service.SigningName),
            _options.TimeProvider.GetUtcNow(), cancellationToken).ConfigureAwait(false);

        using var timeout = new CancellationTokenSource(_options.AttemptTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var headers = response.Headers.Concat(response.Content.Headers)
                .SelectMany(h => h.Value.Select(v => new KeyValuePair<string, string>(h.Key, v)))
                .ToList();
            var status = (int)response.StatusCode;
            return status is >= 200 and < 300
                ? AttemptOutcome.Success(new AwsHttpResponse(status, headers, body))
                : AttemptOutcome.Failure(AwsErrorParser.Parse(service, operation, status, headers, body));
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return AttemptOutcome.Timeout();
        }
        catch (HttpRequestException networkError)
        {
            return AttemptOutcome.Network(networkError);
        }
    }

    private HttpRequestMessage BuildMessage(Uri endpoint, AwsHttpRequest request)
    {
        var path = endpoint.AbsolutePath.TrimEnd('/') + (request.Path.StartsWith('/') ? request.Path : "/" + request.Path);
        var builder = new UriBuilder(endpoint) { Path = path, Query = request.Query };
        var message = new HttpRequestMessage(request.Method, builder.Uri);
        foreach (var (name, value) in request.Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }
        message.Headers.UserAgent.Clear();
        message.Headers.TryAddWithoutValidation("User-Agent", _options.UserAgent);
        if (request.Method != HttpMethod.Get || !request.Body.IsEmpty)
        {
            var content = new ReadOnlyMemoryContent(request.Body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(request.ContentType);
            message.Content = content;
        }
        return message;
    }

    public void Dispose() => _http.Dispose();

    /// <summary>What one attempt ended with; errors are values here so the retry strategy can judge them.</summary>
    private sealed record AttemptOutcome(AwsHttpResponse? Response, AwsServiceException? ServiceError, HttpRequestException? TransportError, bool TimedOut)
    {
        public bool IsRetryable => TimedOut || TransportError is not null || (ServiceError is not null && AwsRetryPolicy.IsRetryable(ServiceError));

        public string Reason =>
            TimedOut ? "timeout"
            : TransportError is not null ? TransportError.Message
            : ServiceError is not null ? $"{ServiceError.Code} (HTTP {ServiceError.HttpStatus})"
            : "success";

        public static AttemptOutcome Success(AwsHttpResponse response) => new(response, null, null, false);

        public static AttemptOutcome Failure(AwsServiceException error) => new(null, error, null, false);

        public static AttemptOutcome Network(HttpRequestException error) => new(null, null, error, false);

        public static AttemptOutcome Timeout() => new(null, null, null, true);
    }
}

namespace Fargo.Aws.Http;

/// <summary>
/// How failed calls are retried: throttling errors, HTTP 429 and 5xx, and network failures and timeouts,
/// with full-jitter exponential backoff (a random delay up to min(MaxDelay, BaseDelay × 2^retry)), at most
/// <see cref="MaxAttempts"/> attempts per call, and within a retry budget shared by the client's calls
/// (AWS's "standard" retry mode: a retry costs tokens, a success earns one back, an empty budget means no retries
/// until calls succeed again — so an outage is not made worse by a storm of retries).
/// </summary>
public sealed record AwsRetryOptions
{
    /// <summary>Attempts per call, the first included. 1 disables retries.</summary>
    public int MaxAttempts { get; init; } = 4;

    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromMilliseconds(500);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>The budget's size in tokens (AWS SDKs: 500).</summary>
    public int BudgetCapacity { get; init; } = 500;

    /// <summary>Tokens a retry after an error response or a network failure costs (AWS SDKs: 5).</summary>
    public int RetryCost { get; init; } = 5;

    /// <summary>Tokens a retry after a timeout costs (AWS SDKs: 10).</summary>
    public int TimeoutRetryCost { get; init; } = 10;

    /// <summary>Where jitter comes from: a value in [0, 1). Defaults to <see cref="Random.Shared"/>.</summary>
    public Func<double>? Jitter { get; init; }

    /// <summary>Told about every retry before its delay, e.g. to show "throttled, retrying in 1.2s" with --verbose.</summary>
    public Action<AwsRetryEvent>? OnRetry { get; init; }
}

/// <summary>A retry about to happen.</summary>
/// <param name="Service">The service id.</param>
/// <param name="Operation">The operation or action.</param>
/// <param name="FailedAttempt">The attempt that failed, 1-based.</param>
/// <param name="Delay">How long until the next attempt.</param>
/// <param name="Reason">What failed: an error code, "HTTP 503", "timeout" or the network error.</param>
public sealed record AwsRetryEvent(string Service, string Operation, int FailedAttempt, TimeSpan Delay, string Reason);

/// <summary>Which failures are worth another attempt.</summary>
public static class AwsRetryPolicy
{
    /// <summary>Error codes AWS services use for throttling (the union the AWS SDKs retry).</summary>
    public static IReadOnlySet<string> ThrottlingCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottledException", "TooManyRequestsException",
        "ProvisionedThroughputExceededException", "TransactionInProgressException", "RequestLimitExceeded",
        "BandwidthLimitExceeded", "LimitExceededException", "RequestThrottled", "SlowDown", "PriorRequestNotComplete",
        "EC2ThrottledException",
    };

    /// <summary>Error codes that mean "try again" whatever the status.</summary>
    public static IReadOnlySet<string> TransientCodes { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "RequestTimeout", "RequestTimeoutException", "InternalError", "InternalFailure", "ServiceUnavailable",
    };

    public static bool IsThrottling(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return error.HttpStatus == 429 || ThrottlingCodes.Contains(error.Code);
    }

    public static bool IsRetryable(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return IsThrottling(error) || error.HttpStatus >= 500 || TransientCodes.Contains(error.Code);
    }
}

/// <summary>The retry budget: a token bucket shared by one client's calls.</summary>
internal sealed class AwsRetryBudget(int capacity)
{
    private readonly Lock _lock = new();
    private readonly int _capacity = capacity;
    private int _available = capacity;

    public int Available
    {
        get
        {
            lock (_lock)
            {
                return _available;
            }
        }
    }

    public bool TryAcquire(int cost)
    {
        lock (_lock)
        {
            if (_available < cost)
            {
                return false;
            }
            _available -= cost;
            return true;
        }
    }

    public void Release(int amount)
    {
        lock (_lock)
        {
            _available = Math.Min(_capacity, _available + amount);
        }
    }
}

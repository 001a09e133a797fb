using System.Globalization;
using System.Net;
using Fargo.Aws.ElasticLoadBalancingV2;

namespace Fargo.Local.LoadBalancing.TargetGroups;

/// <summary>The outcome of one health check: success, or the reason code and description AWS would show.</summary>
internal readonly record struct HealthCheckResult(bool Passed, TargetHealthReason? Reason, string? Description)
{
    public static HealthCheckResult Pass { get; } = new(true, null, null);

    public static HealthCheckResult Fail(TargetHealthReason reason, string description) => new(false, reason, description);
}

/// <summary>
/// Sends ALB's health check requests: GET the path on the health check port, a fresh connection each
/// time (a pooled one would hide a target that stopped accepting), User-Agent ELB-HealthChecker/2.0,
/// and the status code compared with the matcher.
/// </summary>
internal sealed class HealthChecker : IDisposable
{
    private readonly HttpMessageInvoker _http = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
        PooledConnectionLifetime = TimeSpan.Zero,
        ActivityHeadersPropagator = null,
        // ALB's HTTPS health checks do not validate the target's certificate either; locally targets are on loopback.
#pragma warning disable CA5359
        SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
#pragma warning restore CA5359
    });

    public async Task<HealthCheckResult> CheckAsync(TargetGroupSettings settings, TargetEndpoint target, CancellationToken cancellationToken)
    {
        var check = settings.HealthCheck;
        var port = check.Port == "traffic-port" ? target.Port : int.Parse(check.Port, CultureInfo.InvariantCulture);
        var endpoint = new TargetEndpoint(target.Id, port);
        var scheme = check.Protocol == "HTTPS" ? "https" : "http";
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"{scheme}://{endpoint}{check.Path}"))
        {
            Version = HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        request.Headers.Host = endpoint.ToString();
        request.Headers.TryAddWithoutValidation("User-Agent", "ELB-HealthChecker/2.0");
        request.Headers.ConnectionClose = true;

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(settings.HealthCheckTimeout);
        try
        {
            using var response = await _http.SendAsync(request, timeout.Token).ConfigureAwait(false);
            var code = (int)response.StatusCode;
            return settings.Matcher.Matches(code)
                ? HealthCheckResult.Pass
                : HealthCheckResult.Fail(TargetHealthReason.TargetResponseCodeMismatch, TargetHealthTexts.ResponseCodeMismatch(code));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Fail(TargetHealthReason.TargetTimeout, TargetHealthTexts.Timeout);
        }
        catch (HttpRequestException)
        {
            return HealthCheckResult.Fail(TargetHealthReason.TargetFailedHealthChecks, TargetHealthTexts.FailedHealthChecks);
        }
    }

    public void Dispose() => _http.Dispose();
}

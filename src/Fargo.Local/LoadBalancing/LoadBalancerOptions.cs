namespace Fargo.Local.LoadBalancing;

/// <summary>
/// How the local load balancer runs. <see cref="TimeScale"/> multiplies every ALB duration (health check
/// interval and timeout, deregistration delay, idle timeout, the 10 s connect timeout) exactly as the
/// engine's own time scale does for ECS, so tests can run ALB's behaviour with sub-second health checks
/// while the API keeps AWS's ranges and defaults.
/// </summary>
public sealed record LoadBalancerOptions
{
    /// <summary>Where the development certificate of HTTPS listeners is kept (FARGO_HOME/local/elb).</summary>
    public required string CertificateDirectory { get; init; }

    /// <summary>
    /// The certificates of the local ACM by ARN: what an HTTPS listener naming one serves (null: no ACM, every
    /// HTTPS listener serves the development certificate).
    /// </summary>
    internal Func<string, System.Security.Cryptography.X509Certificates.X509Certificate2?>? IssuedCertificate { get; init; }

    public double TimeScale { get; init; } = 1.0;

    /// <summary>ALB answers 504 when it cannot connect to a target within 10 seconds.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan Scaled(TimeSpan duration) => TimeSpan.FromTicks((long)(duration.Ticks * TimeScale));

    public TimeSpan ScaledSeconds(double seconds) => Scaled(TimeSpan.FromSeconds(seconds));
}

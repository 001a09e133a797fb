using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Fargo.Local.LoadBalancing.DataPlane;
using Fargo.Local.S3;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Fargo.Local.CloudFront;

/// <summary>
/// CloudFront's edge, locally: each distribution is served over HTTP on a loopback address of its own
/// (127.1.0.1 upward, kept in its record) and port <see cref="ServedPort"/> (CloudFront's port 80, served on
/// 10000 + 80 like a load balancer's listener). A GET or HEAD is the origin fetch CloudFront makes: the object of the
/// origin bucket, read as S3 reads it (ranges, ETag, Last-Modified, conditions), only when the bucket policy grants
/// the distribution (see <see cref="OriginAccessPolicy"/>). Nothing is cached: every request goes to the origin.
/// </summary>
internal sealed partial class DistributionEdge(DistributionStore distributions, S3Store s3, ILogger logger) : IAsyncDisposable
{
    /// <summary>The /16 of loopback addresses distributions take (load balancers take 127.0.0.0/16).</summary>
    public const int AddressBlock = 1;

    public static readonly int ServedPort = Fargo.Config.Model.LocalRegionIdentity.ServedPort(80);

    private readonly ConcurrentDictionary<string, ListenerServer> _servers = new(StringComparer.Ordinal);
    private readonly S3ObjectReader _objects = new(s3);

    public DistributionStore Distributions => distributions;

    /// <summary>The URL a distribution is served at on this machine.</summary>
    public static string LocalUrl(DistributionRecord distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        return $"http://{distribution.Address}:{ServedPort}/";
    }

    /// <summary>Serves every enabled distribution of the last run again, on its own address.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var distribution in distributions.List().Where(d => d.Enabled))
        {
            try
            {
                await ServeAsync(distribution, cancellationToken).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                LogNotServed(logger, distribution.Id, distribution.Address, ServedPort, e);
            }
        }
    }

    /// <summary>A new distribution: an address of its own, its record, and (when enabled) its server.</summary>
    public async Task<DistributionRecord> CreateAsync(string account, string originBucket, string? defaultRootObject, bool enabled, CancellationToken cancellationToken)
    {
        var id = "E" + Api.AwsIds.Suffix(13);
        var distribution = new DistributionRecord
        {
            Id = id,
            Arn = $"arn:aws:cloudfront::{account}:distribution/{id}",
            DomainName = $"d{Api.AwsIds.Suffix(13).ToLowerInvariant()}.cloudfront.net",
            Address = Runtime.LoopbackAddresses.Allocate(AddressBlock, distributions.Addresses(), [ServedPort]),
            OriginBucket = originBucket,
            DefaultRootObject = defaultRootObject,
            Enabled = enabled,
            CreatedTime = DateTimeOffset.UtcNow,
        };
        distributions.Put(distribution);
        if (enabled)
        {
            await ServeAsync(distribution, cancellationToken).ConfigureAwait(false);
        }

        return distribution;
    }

    /// <summary>Changes a distribution in place: its origin, default root object, and whether it is served.</summary>
    public async Task<DistributionRecord> UpdateAsync(string id, string originBucket, string? defaultRootObject, bool enabled, CancellationToken cancellationToken)
    {
        var distribution = distributions.Find(id) ?? throw new KeyNotFoundException($"The specified distribution does not exist: {id}");
        distribution.OriginBucket = originBucket;
        distribution.DefaultRootObject = defaultRootObject;
        distribution.Enabled = enabled;
        distributions.Put(distribution);
        if (!enabled)
        {
            await StopAsync(id).ConfigureAwait(false);
        }
        else if (!_servers.ContainsKey(id))
        {
            await ServeAsync(distribution, cancellationToken).ConfigureAwait(false);
        }

        return distribution;
    }

    public async Task DeleteAsync(string id)
    {
        await StopAsync(id).ConfigureAwait(false);
        distributions.Delete(id);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var id in _servers.Keys.ToList())
        {
            await StopAsync(id).ConfigureAwait(false);
        }
    }

    private async Task ServeAsync(DistributionRecord distribution, CancellationToken cancellationToken)
    {
        var server = await ListenerServer.StartAsync(IPAddress.Parse(distribution.Address), ServedPort, null, context => HandleAsync(context, distribution.Id), cancellationToken).ConfigureAwait(false);
        _servers[distribution.Id] = server;
    }

    private async Task StopAsync(string id)
    {
        if (_servers.TryRemove(id, out var server))
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>One viewer request: CloudFront's answer for what its S3 origin answers.</summary>
    private async Task HandleAsync(HttpContext context, string id)
    {
        var requestId = Convert.ToHexString(RandomNumberGenerator.GetBytes(8));
        var method = context.Request.Method.ToUpperInvariant();
        if (distributions.Find(id) is not { } distribution)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }

        context.Response.Headers["Via"] = $"1.1 {distribution.DomainName} (CloudFront)";
        if (method is not ("GET" or "HEAD"))
        {
            await CloudFrontErrorPages.MethodNotAllowedAsync(context).ConfigureAwait(false);
            return;
        }

        var response = Fetch(context, distribution, method);
        context.Response.Headers["X-Cache"] = response.Status >= 400 ? "Error from cloudfront" : "Miss from cloudfront";
        await response.WriteAsync(context, requestId).ConfigureAwait(false);
    }

    /// <summary>
    /// The origin fetch: S3 authorizes the distribution by the bucket policy, then reads the object. Without
    /// s3:ListBucket S3 does not say whether a key exists, so a missing object is 403 AccessDenied, as on AWS.
    /// </summary>
    private S3Response Fetch(HttpContext context, DistributionRecord distribution, string method)
    {
        var path = context.Request.Path.Value ?? "/";
        var key = path is "" or "/" && distribution.DefaultRootObject is { Length: > 0 } root ? root : path.TrimStart('/');
        var bucket = distribution.OriginBucket;
        try
        {
            var policy = s3.GetBucket(bucket).Policy;
            if (key.Length == 0 || !OriginAccessPolicy.Allows(policy, "s3:GetObject", OriginAccessPolicy.ObjectArn(bucket, key), distribution.Arn))
            {
                throw AccessDenied();
            }

            try
            {
                // CloudFront forwards Range and answers conditional requests; query strings are not part of the origin
                // request under Fargo's cache policy (CachingOptimized).
                return _objects.Read(bucket, key, null, name => context.Request.Headers[name].FirstOrDefault(), _ => null, method == "HEAD");
            }
            catch (S3Exception e) when (e.Code == "NoSuchKey" && !OriginAccessPolicy.Allows(policy, "s3:ListBucket", OriginAccessPolicy.BucketArn(bucket), distribution.Arn))
            {
                throw AccessDenied();
            }
        }
        catch (S3Exception e)
        {
            return S3Response.ForError(e, method);
        }
    }

    private static S3Exception AccessDenied() => new("AccessDenied", "Access Denied", 403);

    [LoggerMessage(Level = LogLevel.Warning, Message = "CloudFront distribution {Id} is not served: {Address}:{Port} is taken")]
    private static partial void LogNotServed(ILogger logger, string id, string address, int port, Exception exception);
}

namespace Fargo.Local.CloudFront;

/// <summary>
/// A CloudFront distribution as the local region serves it: AWS's identifiers (Id, ARN, the dXXXX.cloudfront.net
/// domain name templates see), the S3 bucket its origin names, and the loopback address it is served on.
/// </summary>
internal sealed class DistributionRecord
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    public required string DomainName { get; init; }

    /// <summary>Its own loopback address (127.1.x.y), kept across restarts; served on <see cref="DistributionEdge.ServedPort"/>.</summary>
    public required string Address { get; init; }

    /// <summary>The bucket of its S3 origin (from the origin's domain name, BUCKET.s3.REGION.amazonaws.com).</summary>
    public required string OriginBucket { get; set; }

    /// <summary>What a request for "/" gets; null: none.</summary>
    public string? DefaultRootObject { get; set; }

    public bool Enabled { get; set; } = true;

    public required DateTimeOffset CreatedTime { get; init; }
}

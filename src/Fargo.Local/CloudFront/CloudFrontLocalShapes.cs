using System.Text.Json.Serialization;

namespace Fargo.Local.CloudFront;

// The wire shapes of Fargo's own DescribeDistributions (JSON 1.1, X-Amz-Target FargoLocal.DescribeDistributions,
// signed for the service "fargo"): where the local region serves each CloudFront distribution, which AWS's own
// GetDistribution has no field for.

public sealed record DescribeDistributionsRequest
{
    /// <summary>Only these distribution ids; all when absent.</summary>
    public IReadOnlyList<string>? Ids { get; init; }
}

/// <summary>One distribution: AWS's identifiers, its origin bucket, and the URL it is served at on this machine.</summary>
public sealed record DistributionDescription
{
    public required string Id { get; init; }

    public required string Arn { get; init; }

    /// <summary>The AWS-shaped name templates see (dXXXX.cloudfront.net); not resolvable.</summary>
    public required string DomainName { get; init; }

    public required string OriginBucket { get; init; }

    public string? DefaultRootObject { get; init; }

    public required bool Enabled { get; init; }

    /// <summary>http://127.1.X.Y:10080/ — where it answers.</summary>
    public required string LocalUrl { get; init; }
}

public sealed record DescribeDistributionsResponse
{
    public required IReadOnlyList<DistributionDescription> Distributions { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DescribeDistributionsRequest))]
[JsonSerializable(typeof(DescribeDistributionsResponse))]
public sealed partial class CloudFrontLocalJsonContext : JsonSerializerContext;

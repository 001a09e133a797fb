using System.Text.Json.Nodes;
using Fargo.Local.S3;

namespace Fargo.Local.CloudFormation.Resources.Handlers;

/// <summary>
/// AWS::S3::Bucket through CreateBucket, PutBucketVersioning and DeleteBucket. Lifecycle expiration (Expiration and
/// NoncurrentVersionExpiration days of the enabled rules) is enforced by the engine's lifecycle sweep; the public
/// access block, encryption, ownership controls, logging and the rest of the lifecycle are recorded on the bucket as
/// given. Deleting a bucket that still holds objects fails as on AWS (BucketNotEmpty), unless DeletionPolicy Retain
/// keeps it. Ref: the name; Arn, DomainName, RegionalDomainName, DualStackDomainName, WebsiteURL shaped as AWS's.
/// </summary>
internal sealed class BucketHandler(S3Store s3, string region) : IResourceHandler
{
    /// <summary>The template properties kept on the bucket as recorded configuration.</summary>
    private static readonly string[] RecordedProperties =
    [
        "LifecycleConfiguration", "PublicAccessBlockConfiguration", "BucketEncryption", "OwnershipControls", "LoggingConfiguration",
        "CorsConfiguration", "Tags", "ObjectLockEnabled", "NotificationConfiguration", "WebsiteConfiguration",
    ];

    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken)
    {
        var name = PropertyMapping.Text(properties, "BucketName") ?? context.GeneratedName(63, lowercase: true);
        Call(() => s3.CreateBucket(name));
        Configure(name, properties);
        return Task.FromResult(Outcome(name));
    }

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken)
    {
        Configure(physicalId, properties);
        return Task.FromResult(Outcome(physicalId));
    }

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        if (s3.BucketExists(physicalId))
        {
            Call(() => s3.DeleteBucket(physicalId));
        }

        return Task.CompletedTask;
    }

    private void Configure(string name, JsonObject properties)
    {
        var versioning = PropertyMapping.Text(properties["VersioningConfiguration"] as JsonObject ?? [], "Status");
        var rules = (properties["LifecycleConfiguration"]?["Rules"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(r => PropertyMapping.Text(r, "Status") == "Enabled" && r["Prefix"] is null && r["Filter"] is null)
            .ToList();
        Call(() => s3.Configure(name, bucket =>
        {
            if (versioning is not null || bucket.Versioning is not null)
            {
                // A bucket never returns to unversioned: removing the property suspends it, as on AWS.
                bucket.Versioning = versioning ?? S3Store.Suspended;
            }

            bucket.ExpirationDays = rules.Select(r => PropertyMapping.Int(r, "ExpirationInDays")).Where(d => d is not null).Min();
            bucket.NoncurrentExpirationDays = rules
                .Select(r => PropertyMapping.Int(r["NoncurrentVersionExpiration"] as JsonObject ?? [], "NoncurrentDays") ?? PropertyMapping.Int(r, "NoncurrentVersionExpirationInDays"))
                .Where(d => d is not null).Min();
            bucket.Configuration = RecordedProperties
                .Where(p => properties[p] is not null)
                .ToDictionary(p => p, p => properties[p]!.ToJsonString(), StringComparer.Ordinal);
        }));
    }

    private ResourceOutcome Outcome(string name) => new(name, new Dictionary<string, JsonNode?>
    {
        ["Arn"] = $"arn:aws:s3:::{name}",
        ["DomainName"] = $"{name}.s3.amazonaws.com",
        ["RegionalDomainName"] = $"{name}.s3.{region}.amazonaws.com",
        ["DualStackDomainName"] = $"{name}.s3.dualstack.{region}.amazonaws.com",
        ["WebsiteURL"] = $"http://{name}.s3-website-{region}.amazonaws.com",
    });

    /// <summary>S3's refusal as CloudFormation words a failed resource: the service's message, code and status.</summary>
    internal static void Call(Action operation)
    {
        try
        {
            operation();
        }
        catch (S3Exception e)
        {
            throw new ResourceFailedException($"{e.Message} (Service: S3, Status Code: {e.Status}, Request ID: {Guid.NewGuid():N}, Error Code: {e.Code})");
        }
    }
}

/// <summary>
/// AWS::S3::BucketPolicy through PutBucketPolicy and DeleteBucketPolicy: the document is kept on the bucket
/// (GetBucketPolicy answers it). The local region authorizes S3 calls by their signature, not by bucket policies;
/// a CloudFront distribution's origin fetches are authorized by the policy (CloudFront/OriginAccessPolicy).
/// Ref: the bucket's name.
/// </summary>
internal sealed class BucketPolicyHandler(S3Store s3) : IResourceHandler
{
    public Task<ResourceOutcome> CreateAsync(ResourceContext context, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Put(properties));

    public Task<ResourceOutcome> UpdateAsync(ResourceContext context, string physicalId, JsonObject previous, JsonObject properties, CancellationToken cancellationToken) =>
        Task.FromResult(Put(properties));

    public Task DeleteAsync(ResourceContext context, string physicalId, JsonObject properties, bool snapshot, CancellationToken cancellationToken)
    {
        if (s3.BucketExists(physicalId))
        {
            BucketHandler.Call(() => s3.Configure(physicalId, b => b.Policy = null));
        }

        return Task.CompletedTask;
    }

    private ResourceOutcome Put(JsonObject properties)
    {
        var bucket = PropertyMapping.Text(properties, "Bucket") ?? throw new ResourceFailedException("Property Bucket cannot be empty.");
        var document = properties["PolicyDocument"] switch
        {
            JsonValue text when text.TryGetValue<string>(out var json) => json,
            { } node => node.ToJsonString(),
            null => throw new ResourceFailedException("Property PolicyDocument cannot be empty."),
        };
        BucketHandler.Call(() => s3.Configure(bucket, b => b.Policy = document));
        return new ResourceOutcome(bucket, new Dictionary<string, JsonNode?>());
    }
}

using Amazon.CDK;
using Amazon.CDK.AWS.S3;
using Constructs;

namespace Fargo.Infrastructure.Stacks;

/// <summary>
/// Every bucket Fargo creates has the same baseline: no public access, no ACLs, encryption at rest, a policy
/// that denies requests without TLS, versioning with a lifecycle that expires old versions, and (except for
/// the logging bucket itself) server access logs into the environment's logging bucket.
/// </summary>
internal static class Buckets
{
    /// <summary>The prefix under which S3 server access logs land in the logging bucket.</summary>
    public const string ServerAccessLogsPrefix = "s3-access/";

    public static Bucket Create(
        Construct scope,
        string id,
        BucketEncryption encryption,
        bool keep,
        IBucket? serverAccessLogs,
        string? serverAccessLogsPrefix,
        int? expireObjectsAfterDays)
    {
        var rules = new List<ILifecycleRule>
        {
            new LifecycleRule
            {
                Id = "expire-old-versions",
                NoncurrentVersionExpiration = Duration.Days(30),
                AbortIncompleteMultipartUploadAfter = Duration.Days(7),
            },
        };
        if (expireObjectsAfterDays is { } days)
        {
            rules.Add(new LifecycleRule { Id = "expire-objects", Expiration = Duration.Days(days) });
        }

        var bucket = new Bucket(scope, id, new BucketProps
        {
            BlockPublicAccess = BlockPublicAccess.BLOCK_ALL,
            ObjectOwnership = ObjectOwnership.BUCKET_OWNER_ENFORCED,
            Encryption = encryption,
            EnforceSSL = true,
            Versioned = true,
            LifecycleRules = rules.ToArray(),
            ServerAccessLogsBucket = serverAccessLogs,
            ServerAccessLogsPrefix = serverAccessLogsPrefix,
            // Prod-like environments keep their data when the stack goes; elsewhere `fargo infra down`
            // empties the bucket first so that CloudFormation can delete it.
            RemovalPolicy = keep ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY,
        });
        if (serverAccessLogs is not null)
        {
            // The logging bucket lives in the environment stack, which grants S3 server access logging up front.
            Annotations.Of(bucket).AcknowledgeWarning("@aws-cdk/aws-s3:accessLogsPolicyNotAdded", "the environment's logging bucket grants S3 server access logging itself");
        }

        return bucket;
    }
}

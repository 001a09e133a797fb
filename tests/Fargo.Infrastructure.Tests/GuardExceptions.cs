using Fargo.Config.Model;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// A Control Tower control Fargo's templates do not meet, on purpose: which control, which resources (by
/// logical id prefix), in which environments, and why.
/// </summary>
internal sealed record GuardException(string Control, string[] Resources, Func<ServiceSettings, bool> AppliesTo, string Reason)
{
    public GuardException(string control, string[] resources, string reason)
        : this(control, resources, _ => true, reason)
    {
    }

    public bool Covers(string control, string resource, ServiceSettings settings) =>
        Control == control && Resources.Any(prefix => resource.StartsWith(prefix, StringComparison.Ordinal)) && AppliesTo(settings);
}

/// <summary>
/// Every exception to the AWS Control Tower proactive controls (npm @cdklabs/cdk-validator-cfnguard) in the
/// synthesized templates. Anything cfn-guard reports that is not listed here fails the tests, and so does an
/// entry that no longer matches anything.
/// </summary>
internal static class GuardExceptions
{
    private static readonly string[] AllBuckets = ["AccessLogsBucket", "DataBucket", "ReportsBucket", "ArtifactsBucket"];
    private static readonly string[] Reports = ["ReportsDistribution"];

    public static readonly IReadOnlyList<GuardException> All =
    [
        // S3
        new("CT.S3.PR.10", ["AccessLogsBucket"],
            "Load balancer access logs can only be delivered to a bucket encrypted with S3-managed keys (SSE-S3): ELB does not support SSE-KMS for them."),
        new("CT.S3.PR.10", ["ReportsBucket"],
            "CloudFront reads the reports through origin access control, and cannot decrypt with the AWS-managed aws/s3 key; a customer-managed key (and a key policy naming the distribution) for published reports is not worth it. SSE-S3 encrypts them at rest."),
        new("CT.S3.PR.2", ["AccessLogsBucket"],
            "It is the logging bucket: its own server access logs would be written into itself."),
        new("CT.S3.PR.2", ["ArtifactsBucket"],
            "The pipeline's artifacts bucket holds only the source archives CodePipeline hands to CodeBuild (expired after 30 days); CodePipeline and CloudTrail record who ran what, and a logging bucket of the pipeline's own would be one more bucket without a reader."),
        new("CT.S3.PR.2", ["DataBucket", "ReportsBucket"],
            "False positive: server access logging is configured, into the environment's logging bucket in the environment stack (Fn::ImportValue); the rule only follows literal names and references within one template."),
        new("CT.S3.PR.4", AllBuckets,
            "Nothing in this topology consumes bucket events; an event notification needs a target (SNS, SQS, Lambda) that would have no reader."),
        new("CT.S3.PR.9", AllBuckets,
            "S3 Object Lock cannot be turned off once on, and would keep `fargo infra down` from emptying the buckets of non-prod environments; versioning with lifecycle rules guards against overwrites instead."),

        // CloudFront (the reports distribution)
        new("CT.CLOUDFRONT.PR.4", Reports,
            "The reports bucket lives in one region: an origin group needs a second, replicated bucket, which fargo.toml does not ask for."),
        new("CT.CLOUDFRONT.PR.5", Reports,
            "CloudFront standard logs need a bucket with ACLs enabled, which CT.S3.PR.5 forbids: every Fargo bucket enforces bucket-owner ownership."),
        new("CT.CLOUDFRONT.PR.6", Reports,
            "fargo.toml gives the reports no domain of their own, so the distribution uses CloudFront's default *.cloudfront.net certificate."),
        new("CT.CLOUDFRONT.PR.7", Reports,
            "SNI is a setting of custom certificates; with the default CloudFront certificate there is none to set."),
        new("CT.CLOUDFRONT.PR.9", Reports,
            "The minimum viewer TLS version can only be set with a custom certificate; with the default one, CloudFront chooses it."),

        // CloudWatch Logs
        new("CT.CLOUDWATCH.PR.2", ["Logs", "DatabaseLogs"], settings => settings.Logs.RetentionDays < 365,
            "Retention is the configuration's choice ([logs] retention_days), and this environment keeps logs for less than a year on purpose."),
        new("CT.CLOUDWATCH.PR.3", ["Logs", "DatabaseLogs", "BuildLogs"],
            "CloudWatch Logs encrypts log data at rest already; a customer-managed KMS key per log group adds a key, its policy and cost without changing who may read the logs (IAM decides that)."),

        // CodeBuild (the pipeline)
        new("CT.CODEBUILD.PR.4", ["BuildProject"],
            "The build project runs `docker build` (and `docker run` for the test inside the image): CodeBuild's Docker daemon needs privileged mode. Only the first stage's build project has it; the promotion projects do not."),

        // ECS
        new("CT.ECS.PR.3", ["TaskDefinition"],
            "The image decides its user (the example's Dockerfile runs as the non-root user `app`); no user id exists in every image, and setting one overrides images that choose their own."),
        new("CT.ECS.PR.6", ["TaskDefinition"],
            "Applications commonly write to their filesystem (ASP.NET Core temp files and data-protection keys): a read-only root would break them, and fargo.toml has no setting for it."),

        new("CT.ECS.PR.7", ["TaskDefinition"], settings => settings.Container.Memory is null,
            "One container per task on Fargate: without [container] memory, the task's memory (fargo.toml [resources] memory) is the container's hard limit already. The stack then leaves the container-level limit out, as `fargo deploy` renders it, so the two never differ by a field only one of them sets."),

        // RDS
        new("CT.RDS.PR.20", ["Database"],
            "PostgreSQL listens on 5432 as DESIGN.md fixes; the database is private and its security group admits only the service's group, so another port would add nothing."),
        new("CT.RDS.PR.30", ["Database"],
            "Storage is encrypted with the AWS-managed aws/rds key; a customer-managed key adds a key and its policy without changing who may read the data."),
        new("CT.RDS.PR.1", ["Database"], settings => settings.Database is { MultiAz: false },
            "multi_az = false: the configuration's cheap choice for this environment (the example's qa)."),
        new("CT.RDS.PR.13", ["Database"], settings => !settings.Environment.RequiresApproval,
            "Only prod-like environments (requires_approval) protect their database from deletion; the others are deleted cleanly by `fargo infra down`."),

        // Load balancer
        new("CT.ELASTICLOADBALANCING.PR.5", ["LoadBalancer"], settings => !settings.Environment.RequiresApproval,
            "Only prod-like environments (requires_approval) protect their load balancer from deletion; the others are deleted cleanly by `fargo infra down`."),
        new("CT.ELASTICLOADBALANCING.PR.1", ["LoadBalancerHttp"], settings => settings.Network.Certificate is null && settings.Network.Domain is null,
            "Without a certificate or a domain there is no HTTPS to redirect to: the load balancer answers plain HTTP, as fargo.toml asked."),
    ];
}

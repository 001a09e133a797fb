using System.Text.Json.Serialization;

namespace Fargo.Aws.Ecs;

public sealed record ExecuteCommandLogConfiguration
{
    public string? CloudWatchLogGroupName { get; init; }

    public bool? CloudWatchEncryptionEnabled { get; init; }

    public string? S3BucketName { get; init; }

    public bool? S3EncryptionEnabled { get; init; }

    public string? S3KeyPrefix { get; init; }
}

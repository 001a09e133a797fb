using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record PutRetentionPolicyRequest
{
    public required string LogGroupName { get; init; }

    public required int RetentionInDays { get; init; }
}

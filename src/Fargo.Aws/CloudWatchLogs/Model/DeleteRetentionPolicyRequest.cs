namespace Fargo.Aws.CloudWatchLogs;

public sealed record DeleteRetentionPolicyRequest
{
    public required string LogGroupName { get; init; }
}

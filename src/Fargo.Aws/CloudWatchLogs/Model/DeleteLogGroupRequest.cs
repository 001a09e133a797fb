using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record DeleteLogGroupRequest
{
    public required string LogGroupName { get; init; }
}

using System.Text.Json.Serialization;

namespace Fargo.Aws.CloudWatchLogs;

public sealed record CreateLogGroupRequest
{
    public required string LogGroupName { get; init; }

    public string? KmsKeyId { get; init; }

    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    public string? LogGroupClass { get; init; }
}

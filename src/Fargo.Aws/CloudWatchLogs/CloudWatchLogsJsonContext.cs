using System.Text.Json.Serialization;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudWatchLogs;

/// <summary>
/// System.Text.Json metadata for CloudWatch Logs's awsJson1_1 wire: member names exactly as in the model
/// (camelCase), absent members omitted, timestamps as epoch seconds.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    Converters = [typeof(EpochSecondsJsonConverter)])]
[JsonSerializable(typeof(CreateLogGroupRequest))]
[JsonSerializable(typeof(CreateLogGroupResponse))]
[JsonSerializable(typeof(DescribeLogGroupsRequest))]
[JsonSerializable(typeof(DescribeLogGroupsResponse))]
[JsonSerializable(typeof(PutRetentionPolicyRequest))]
[JsonSerializable(typeof(PutRetentionPolicyResponse))]
[JsonSerializable(typeof(DescribeLogStreamsRequest))]
[JsonSerializable(typeof(DescribeLogStreamsResponse))]
[JsonSerializable(typeof(GetLogEventsRequest))]
[JsonSerializable(typeof(GetLogEventsResponse))]
[JsonSerializable(typeof(FilterLogEventsRequest))]
[JsonSerializable(typeof(FilterLogEventsResponse))]
[JsonSerializable(typeof(DeleteLogGroupRequest))]
[JsonSerializable(typeof(DeleteLogGroupResponse))]
public sealed partial class CloudWatchLogsJsonContext : JsonSerializerContext;

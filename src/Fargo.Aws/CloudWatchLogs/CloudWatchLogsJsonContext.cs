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
[JsonSerializable(typeof(CreateLogStreamRequest))]
[JsonSerializable(typeof(CreateLogStreamResponse))]
[JsonSerializable(typeof(DeleteLogStreamRequest))]
[JsonSerializable(typeof(DeleteLogStreamResponse))]
[JsonSerializable(typeof(DeleteLogGroupRequest))]
[JsonSerializable(typeof(DeleteLogGroupResponse))]
[JsonSerializable(typeof(DeleteRetentionPolicyRequest))]
[JsonSerializable(typeof(DeleteRetentionPolicyResponse))]
[JsonSerializable(typeof(PutLogEventsRequest))]
[JsonSerializable(typeof(PutLogEventsResponse))]
[JsonSerializable(typeof(TagResourceRequest))]
[JsonSerializable(typeof(TagResourceResponse))]
[JsonSerializable(typeof(UntagResourceRequest))]
[JsonSerializable(typeof(UntagResourceResponse))]
[JsonSerializable(typeof(ListTagsForResourceRequest))]
[JsonSerializable(typeof(ListTagsForResourceResponse))]
[JsonSerializable(typeof(PutMetricFilterRequest))]
[JsonSerializable(typeof(PutMetricFilterResponse))]
[JsonSerializable(typeof(DescribeMetricFiltersRequest))]
[JsonSerializable(typeof(DescribeMetricFiltersResponse))]
[JsonSerializable(typeof(DeleteMetricFilterRequest))]
[JsonSerializable(typeof(DeleteMetricFilterResponse))]
public sealed partial class CloudWatchLogsJsonContext : JsonSerializerContext;

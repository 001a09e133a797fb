using Fargo.Aws;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Local.Logs;

namespace Fargo.Local.Api;

/// <summary>CloudWatch Logs' operations on the wire, served by the <see cref="LogStore"/>.</summary>
internal static class LogsApi
{
    public static JsonOperationTable Create(LogStore store)
    {
        var json = CloudWatchLogsJsonContext.Default;
        return new JsonOperationTable(AwsServices.CloudWatchLogs)
            .Add("CreateLogGroup", json.CreateLogGroupRequest, json.CreateLogGroupResponse, request =>
            {
                store.CreateLogGroup(request.LogGroupName);
                if (request.Tags is { Count: > 0 } tags)
                {
                    store.TagLogGroup(LogGroupInfo.ArnOf(request.LogGroupName), tags);
                }

                return new CreateLogGroupResponse();
            })
            .Add("DeleteLogGroup", json.DeleteLogGroupRequest, json.DeleteLogGroupResponse, request =>
            {
                store.DeleteLogGroup(request.LogGroupName);
                return new DeleteLogGroupResponse();
            })
            .Add("DescribeLogGroups", json.DescribeLogGroupsRequest, json.DescribeLogGroupsResponse, request =>
            {
                var (groups, next) = store.DescribeLogGroups(request.LogGroupNamePrefix, request.Limit, request.NextToken);
                return new DescribeLogGroupsResponse
                {
                    LogGroups = groups.Select(g => new LogGroup
                    {
                        LogGroupName = g.Name,
                        CreationTime = g.CreatedAt.ToUnixTimeMilliseconds(),
                        RetentionInDays = g.RetentionInDays,
                        MetricFilterCount = g.MetricFilterCount,
                        Arn = g.Arn,
                        LogGroupArn = g.Arn[..^2],
                        StoredBytes = g.StoredBytes,
                        LogGroupClass = "STANDARD",
                    }).ToList(),
                    NextToken = next,
                };
            })
            .Add("PutRetentionPolicy", json.PutRetentionPolicyRequest, json.PutRetentionPolicyResponse, request =>
            {
                store.PutRetentionPolicy(request.LogGroupName, request.RetentionInDays);
                return new PutRetentionPolicyResponse();
            })
            .Add("DeleteRetentionPolicy", json.DeleteRetentionPolicyRequest, json.DeleteRetentionPolicyResponse, request =>
            {
                store.DeleteRetentionPolicy(request.LogGroupName);
                return new DeleteRetentionPolicyResponse();
            })
            .Add("CreateLogStream", json.CreateLogStreamRequest, json.CreateLogStreamResponse, request =>
            {
                store.CreateLogStream(request.LogGroupName, request.LogStreamName);
                return new CreateLogStreamResponse();
            })
            .Add("DeleteLogStream", json.DeleteLogStreamRequest, json.DeleteLogStreamResponse, request =>
            {
                store.DeleteLogStream(request.LogGroupName, request.LogStreamName);
                return new DeleteLogStreamResponse();
            })
            .Add("TagResource", json.TagResourceRequest, json.TagResourceResponse, request =>
            {
                store.TagLogGroup(request.ResourceArn, request.Tags);
                return new TagResourceResponse();
            })
            .Add("UntagResource", json.UntagResourceRequest, json.UntagResourceResponse, request =>
            {
                store.UntagLogGroup(request.ResourceArn, request.TagKeys);
                return new UntagResourceResponse();
            })
            .Add("ListTagsForResource", json.ListTagsForResourceRequest, json.ListTagsForResourceResponse, request =>
                new ListTagsForResourceResponse { Tags = store.TagsOfLogGroup(request.ResourceArn) })
            .Add("PutMetricFilter", json.PutMetricFilterRequest, json.PutMetricFilterResponse, request =>
            {
                store.PutMetricFilter(request.LogGroupName, request.FilterName, request.FilterPattern, request.MetricTransformations);
                return new PutMetricFilterResponse();
            })
            .Add("DescribeMetricFilters", json.DescribeMetricFiltersRequest, json.DescribeMetricFiltersResponse, request =>
                new DescribeMetricFiltersResponse
                {
                    MetricFilters = store.DescribeMetricFilters(request.LogGroupName, request.FilterNamePrefix, request.MetricName, request.MetricNamespace),
                })
            .Add("DeleteMetricFilter", json.DeleteMetricFilterRequest, json.DeleteMetricFilterResponse, request =>
            {
                store.DeleteMetricFilter(request.LogGroupName, request.FilterName);
                return new DeleteMetricFilterResponse();
            })
            .Add("PutLogEvents", json.PutLogEventsRequest, json.PutLogEventsResponse, request =>
            {
                var rejected = store.PutLogEvents(
                    request.LogGroupName,
                    request.LogStreamName,
                    [.. request.LogEvents.Select(e => new CapturedLine(DateTimeOffset.FromUnixTimeMilliseconds(e.Timestamp), e.Message))]);
                return new PutLogEventsResponse
                {
                    // Sequence tokens are ignored since 2023; AWS still returns one.
                    NextSequenceToken = Guid.NewGuid().ToString("N"),
                    RejectedLogEventsInfo = rejected.Any
                        ? new RejectedLogEventsInfo
                        {
                            TooOldLogEventEndIndex = rejected.TooOldEndIndex,
                            TooNewLogEventStartIndex = rejected.TooNewStartIndex,
                            ExpiredLogEventEndIndex = rejected.ExpiredEndIndex,
                        }
                        : null,
                };
            })
            .Add("DescribeLogStreams", json.DescribeLogStreamsRequest, json.DescribeLogStreamsResponse, request =>
            {
                var (streams, next) = store.DescribeLogStreams(
                    GroupName(request.LogGroupName, request.LogGroupIdentifier),
                    request.LogStreamNamePrefix,
                    request.OrderBy == OrderBy.LastEventTime,
                    request.Descending ?? false,
                    request.Limit,
                    request.NextToken);
                return new DescribeLogStreamsResponse
                {
                    LogStreams = streams.Select(s => new LogStream
                    {
                        LogStreamName = s.Name,
                        CreationTime = s.CreatedAt.ToUnixTimeMilliseconds(),
                        FirstEventTimestamp = s.FirstEventTimestamp?.ToUnixTimeMilliseconds(),
                        LastEventTimestamp = s.LastEventTimestamp?.ToUnixTimeMilliseconds(),
                        LastIngestionTime = s.LastIngestionTime?.ToUnixTimeMilliseconds(),
                        Arn = s.Arn,
                        StoredBytes = 0,
                    }).ToList(),
                    NextToken = next,
                };
            })
            .Add("GetLogEvents", json.GetLogEventsRequest, json.GetLogEventsResponse, request =>
            {
                var page = store.GetLogEvents(
                    GroupName(request.LogGroupName, request.LogGroupIdentifier),
                    request.LogStreamName,
                    Time(request.StartTime),
                    Time(request.EndTime),
                    request.NextToken,
                    request.Limit,
                    request.StartFromHead ?? false);
                return new GetLogEventsResponse
                {
                    Events = page.Events.Select(e => new OutputLogEvent
                    {
                        Timestamp = e.Timestamp.ToUnixTimeMilliseconds(),
                        Message = e.Message,
                        IngestionTime = e.IngestionTime.ToUnixTimeMilliseconds(),
                    }).ToList(),
                    NextForwardToken = page.NextForwardToken,
                    NextBackwardToken = page.NextBackwardToken,
                };
            })
            .Add("FilterLogEvents", json.FilterLogEventsRequest, json.FilterLogEventsResponse, request =>
            {
                var result = store.FilterLogEvents(
                    GroupName(request.LogGroupName, request.LogGroupIdentifier),
                    request.LogStreamNames,
                    request.LogStreamNamePrefix,
                    Time(request.StartTime),
                    Time(request.EndTime),
                    request.FilterPattern,
                    request.NextToken,
                    request.Limit);
                return new FilterLogEventsResponse
                {
                    Events = result.Events.Select(e => new FilteredLogEvent
                    {
                        LogStreamName = e.StreamName,
                        Timestamp = e.Timestamp.ToUnixTimeMilliseconds(),
                        Message = e.Message,
                        IngestionTime = e.IngestionTime.ToUnixTimeMilliseconds(),
                        EventId = e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    }).ToList(),
                    SearchedLogStreams = [],
                    NextToken = result.NextToken,
                };
            });
    }

    /// <summary>A log group by name, or by identifier (its name or ARN), as the API allows either.</summary>
    private static string GroupName(string? name, string? identifier)
    {
        if (name is not null && identifier is not null)
        {
            throw new LocalServiceException("InvalidParameterException", "LogGroup name and LogGroup ARN are mutually exclusive parameters.");
        }

        var value = name ?? identifier ?? throw new LocalServiceException("InvalidParameterException", "Either logGroupName or logGroupIdentifier is required.");
        if (value.StartsWith("arn:", StringComparison.Ordinal))
        {
            var marker = value.IndexOf(":log-group:", StringComparison.Ordinal);
            if (marker >= 0)
            {
                value = value[(marker + ":log-group:".Length)..];
                if (value.EndsWith(":*", StringComparison.Ordinal))
                {
                    value = value[..^2];
                }
            }
        }

        return value;
    }

    private static DateTimeOffset? Time(long? milliseconds) => milliseconds is { } ms ? DateTimeOffset.FromUnixTimeMilliseconds(ms) : null;
}

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
                        MetricFilterCount = 0,
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

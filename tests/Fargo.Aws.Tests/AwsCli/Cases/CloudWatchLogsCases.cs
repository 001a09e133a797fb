using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.CloudWatchLogs;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class CloudWatchLogsCases
{
    private const string Group = "/aws/ecs/fargate/todo-api";
    private const string GroupArn = "arn:aws:logs:us-east-1:123456789012:log-group:" + Group;
    private const string Stream = "todo-api/todo-api/0f2c3b7e1a9d4c55b1e2a3f4c5d6e7f8";

    private static CloudWatchLogsJsonContext Ctx => CloudWatchLogsJsonContext.Default;

    public static IEnumerable<CliCase> All()
    {
        yield return Case("CreateLogGroup",
            new CreateLogGroupRequest { LogGroupName = Group, Tags = new Dictionary<string, string> { ["service"] = "todo-api", ["env"] = "prod" } },
            Ctx.CreateLogGroupRequest, Ctx.CreateLogGroupResponse, (c, r, ct) => c.CreateLogGroupAsync(r, ct),
            "",
            ["--log-group-name", Group, "--tags", "service=todo-api,env=prod"]);

        yield return Case("DescribeLogGroups",
            new DescribeLogGroupsRequest { LogGroupNamePrefix = "/aws/ecs/fargate/", Limit = 50 },
            Ctx.DescribeLogGroupsRequest, Ctx.DescribeLogGroupsResponse, (c, r, ct) => c.DescribeLogGroupsAsync(r, ct),
            $$"""
            {"logGroups":[{"logGroupName":"{{Group}}","creationTime":1714000000123,"retentionInDays":30,"metricFilterCount":0,
              "arn":"arn:aws:logs:us-east-1:123456789012:log-group:{{Group}}:*","storedBytes":123456789}],"nextToken":"next-groups"}
            """);

        yield return Case("PutRetentionPolicy",
            new PutRetentionPolicyRequest { LogGroupName = Group, RetentionInDays = 30 },
            Ctx.PutRetentionPolicyRequest, Ctx.PutRetentionPolicyResponse, (c, r, ct) => c.PutRetentionPolicyAsync(r, ct),
            "",
            ["--log-group-name", Group, "--retention-in-days", "30"]);

        yield return Case("DescribeLogStreams",
            new DescribeLogStreamsRequest { LogGroupName = Group, OrderBy = OrderBy.LastEventTime, Descending = true, Limit = 5 },
            Ctx.DescribeLogStreamsRequest, Ctx.DescribeLogStreamsResponse, (c, r, ct) => c.DescribeLogStreamsAsync(r, ct),
            $$"""
            {"logStreams":[{"logStreamName":"{{Stream}}","creationTime":1714558852000,"firstEventTimestamp":1714558853001,"lastEventTimestamp":1714559099999,
              "lastIngestionTime":1714559100050,"uploadSequenceToken":"49039859","arn":"arn:aws:logs:us-east-1:123456789012:log-group:{{Group}}:log-stream:{{Stream}}","storedBytes":0}]}
            """);

        yield return Case("GetLogEvents",
            new GetLogEventsRequest { LogGroupName = Group, LogStreamName = Stream, StartTime = 1714558800000, StartFromHead = true, Limit = 100 },
            Ctx.GetLogEventsRequest, Ctx.GetLogEventsResponse, (c, r, ct) => c.GetLogEventsAsync(r, ct),
            """
            {"events":[{"timestamp":1714558853001,"message":"info: Microsoft.Hosting.Lifetime[14]\n      Now listening on: http://[::]:8080","ingestionTime":1714558853100},
                       {"timestamp":1714558853500,"message":"Application started. \"quoted\" \u00e9","ingestionTime":1714558853600}],
             "nextForwardToken":"f/37926178829470926925127452395325236526478393857408270336/s","nextBackwardToken":"b/37926178829470926925127452395325236526478393857408270336/s"}
            """,
            ["--log-group-name", Group, "--log-stream-name", Stream, "--start-time", "1714558800000", "--start-from-head", "--limit", "100"]);

        yield return Case("FilterLogEvents",
            new FilterLogEventsRequest
            {
                LogGroupName = Group,
                LogStreamNamePrefix = "todo-api/",
                StartTime = 1714558800000,
                EndTime = 1714562400000,
                FilterPattern = "ERROR",
                Limit = 1000,
            },
            Ctx.FilterLogEventsRequest, Ctx.FilterLogEventsResponse, (c, r, ct) => c.FilterLogEventsAsync(r, ct),
            $$"""
            {"events":[{"logStreamName":"{{Stream}}","timestamp":1714558900000,"message":"ERROR boom","ingestionTime":1714558900100,"eventId":"37926179963497012345678901234567890123456789012345678901"}],
             "searchedLogStreams":[{"logStreamName":"{{Stream}}","searchedCompletely":true}],"nextToken":"Bxkq6kVGFtq2y_MoigeqscPOdhXVbhiVtLoAmXb5jCrI7fXLrtqmxd"}
            """);

        yield return Case("CreateLogStream",
            new CreateLogStreamRequest { LogGroupName = Group, LogStreamName = Stream },
            Ctx.CreateLogStreamRequest, Ctx.CreateLogStreamResponse, (c, r, ct) => c.CreateLogStreamAsync(r, ct),
            "",
            ["--log-group-name", Group, "--log-stream-name", Stream]);

        yield return Case("PutLogEvents",
            new PutLogEventsRequest
            {
                LogGroupName = Group,
                LogStreamName = Stream,
                LogEvents = [new InputLogEvent { Timestamp = 1714558853001, Message = "started" }, new InputLogEvent { Timestamp = 1714558853002, Message = "ready \"é\"" }],
            },
            Ctx.PutLogEventsRequest, Ctx.PutLogEventsResponse, (c, r, ct) => c.PutLogEventsAsync(r, ct),
            """{"nextSequenceToken":"49039859","rejectedLogEventsInfo":{"tooOldLogEventEndIndex":0}}""");

        yield return Case("DeleteLogStream",
            new DeleteLogStreamRequest { LogGroupName = Group, LogStreamName = Stream },
            Ctx.DeleteLogStreamRequest, Ctx.DeleteLogStreamResponse, (c, r, ct) => c.DeleteLogStreamAsync(r, ct),
            "",
            ["--log-group-name", Group, "--log-stream-name", Stream]);

        yield return Case("DeleteRetentionPolicy",
            new DeleteRetentionPolicyRequest { LogGroupName = Group },
            Ctx.DeleteRetentionPolicyRequest, Ctx.DeleteRetentionPolicyResponse, (c, r, ct) => c.DeleteRetentionPolicyAsync(r, ct),
            "",
            ["--log-group-name", Group]);

        yield return Case("DeleteLogGroup",
            new DeleteLogGroupRequest { LogGroupName = Group },
            Ctx.DeleteLogGroupRequest, Ctx.DeleteLogGroupResponse, (c, r, ct) => c.DeleteLogGroupAsync(r, ct),
            "",
            ["--log-group-name", Group]);

        yield return Case("TagResource",
            new TagResourceRequest { ResourceArn = GroupArn, Tags = new Dictionary<string, string> { ["team"] = "todo" } },
            Ctx.TagResourceRequest, Ctx.TagResourceResponse, (c, r, ct) => c.TagResourceAsync(r, ct),
            "",
            ["--resource-arn", GroupArn, "--tags", "team=todo"]);

        yield return Case("UntagResource",
            new UntagResourceRequest { ResourceArn = GroupArn, TagKeys = ["team"] },
            Ctx.UntagResourceRequest, Ctx.UntagResourceResponse, (c, r, ct) => c.UntagResourceAsync(r, ct),
            "",
            ["--resource-arn", GroupArn, "--tag-keys", "team"]);

        yield return Case("ListTagsForResource",
            new ListTagsForResourceRequest { ResourceArn = GroupArn },
            Ctx.ListTagsForResourceRequest, Ctx.ListTagsForResourceResponse, (c, r, ct) => c.ListTagsForResourceAsync(r, ct),
            """{"tags":{"team":"todo","env":"prod"}}""",
            ["--resource-arn", GroupArn]);

        yield return Case("PutMetricFilter",
            new PutMetricFilterRequest
            {
                LogGroupName = Group,
                FilterName = "errors",
                FilterPattern = "ERROR",
                MetricTransformations = [new MetricTransformation { MetricName = "Errors", MetricNamespace = "TodoApi", MetricValue = "1", DefaultValue = 0, Unit = StandardUnit.Count }],
            },
            Ctx.PutMetricFilterRequest, Ctx.PutMetricFilterResponse, (c, r, ct) => c.PutMetricFilterAsync(r, ct),
            "");

        yield return Case("DescribeMetricFilters",
            new DescribeMetricFiltersRequest { LogGroupName = Group, FilterNamePrefix = "err" },
            Ctx.DescribeMetricFiltersRequest, Ctx.DescribeMetricFiltersResponse, (c, r, ct) => c.DescribeMetricFiltersAsync(r, ct),
            $$"""
            {"metricFilters":[{"filterName":"errors","filterPattern":"ERROR","metricTransformations":[{"metricName":"Errors","metricNamespace":"TodoApi","metricValue":"1","defaultValue":0.0,"dimensions":{"Service":"$.service"},"unit":"Count"}],
              "creationTime":1714558853001,"logGroupName":"{{Group}}"}]}
            """);

        yield return Case("DeleteMetricFilter",
            new DeleteMetricFilterRequest { LogGroupName = Group, FilterName = "errors" },
            Ctx.DeleteMetricFilterRequest, Ctx.DeleteMetricFilterResponse, (c, r, ct) => c.DeleteMetricFilterAsync(r, ct),
            "",
            ["--log-group-name", Group, "--filter-name", "errors"]);
    }

    private static CliCase<TRequest, TResponse> Case<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<CloudWatchLogsClient, TRequest, CancellationToken, Task<TResponse>> call,
        string responseBody,
        IReadOnlyList<string>? cliArguments = null) =>
        new(AwsServices.CloudWatchLogs, "logs", operation, request, requestType, responseType,
            (http, r, ct) => call(new CloudWatchLogsClient(http), r, ct), Canned.Json(responseBody), cliArguments);
}

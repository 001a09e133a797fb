using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudWatchLogs;

/// <summary>Amazon CloudWatch Logs: the operations Fargo uses, one method each, and paginators where AWS paginates.</summary>
public sealed class CloudWatchLogsClient(AwsJsonProtocolClient protocol)
{
    private readonly AwsJsonProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public CloudWatchLogsClient(AwsHttpClient http)
        : this(new AwsJsonProtocolClient(http))
    {
    }

    public Task<CreateLogGroupResponse> CreateLogGroupAsync(CreateLogGroupRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "CreateLogGroup", request, CloudWatchLogsJsonContext.Default.CreateLogGroupRequest, CloudWatchLogsJsonContext.Default.CreateLogGroupResponse, cancellationToken);

    public Task<DescribeLogGroupsResponse> DescribeLogGroupsAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "DescribeLogGroups", request, CloudWatchLogsJsonContext.Default.DescribeLogGroupsRequest, CloudWatchLogsJsonContext.Default.DescribeLogGroupsResponse, cancellationToken);

    /// <summary>DescribeLogGroups page by page, following nextToken.</summary>
    public IAsyncEnumerable<DescribeLogGroupsResponse> DescribeLogGroupsPagesAsync(DescribeLogGroupsRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeLogGroupsAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<PutRetentionPolicyResponse> PutRetentionPolicyAsync(PutRetentionPolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "PutRetentionPolicy", request, CloudWatchLogsJsonContext.Default.PutRetentionPolicyRequest, CloudWatchLogsJsonContext.Default.PutRetentionPolicyResponse, cancellationToken);

    public Task<DescribeLogStreamsResponse> DescribeLogStreamsAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "DescribeLogStreams", request, CloudWatchLogsJsonContext.Default.DescribeLogStreamsRequest, CloudWatchLogsJsonContext.Default.DescribeLogStreamsResponse, cancellationToken);

    /// <summary>DescribeLogStreams page by page, following nextToken.</summary>
    public IAsyncEnumerable<DescribeLogStreamsResponse> DescribeLogStreamsPagesAsync(DescribeLogStreamsRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeLogStreamsAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<GetLogEventsResponse> GetLogEventsAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "GetLogEvents", request, CloudWatchLogsJsonContext.Default.GetLogEventsRequest, CloudWatchLogsJsonContext.Default.GetLogEventsResponse, cancellationToken);

    /// <summary>GetLogEvents page by page, following nextForwardToken (until the service returns the token it was sent: the end of the stream).</summary>
    public IAsyncEnumerable<GetLogEventsResponse> GetLogEventsPagesAsync(GetLogEventsRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, GetLogEventsAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextForwardToken, cancellationToken);

    public Task<FilterLogEventsResponse> FilterLogEventsAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "FilterLogEvents", request, CloudWatchLogsJsonContext.Default.FilterLogEventsRequest, CloudWatchLogsJsonContext.Default.FilterLogEventsResponse, cancellationToken);

    /// <summary>FilterLogEvents page by page, following nextToken.</summary>
    public IAsyncEnumerable<FilterLogEventsResponse> FilterLogEventsPagesAsync(FilterLogEventsRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, FilterLogEventsAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<CreateLogStreamResponse> CreateLogStreamAsync(CreateLogStreamRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "CreateLogStream", request, CloudWatchLogsJsonContext.Default.CreateLogStreamRequest, CloudWatchLogsJsonContext.Default.CreateLogStreamResponse, cancellationToken);

    public Task<DeleteLogStreamResponse> DeleteLogStreamAsync(DeleteLogStreamRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "DeleteLogStream", request, CloudWatchLogsJsonContext.Default.DeleteLogStreamRequest, CloudWatchLogsJsonContext.Default.DeleteLogStreamResponse, cancellationToken);

    public Task<DeleteLogGroupResponse> DeleteLogGroupAsync(DeleteLogGroupRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "DeleteLogGroup", request, CloudWatchLogsJsonContext.Default.DeleteLogGroupRequest, CloudWatchLogsJsonContext.Default.DeleteLogGroupResponse, cancellationToken);

    public Task<DeleteRetentionPolicyResponse> DeleteRetentionPolicyAsync(DeleteRetentionPolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "DeleteRetentionPolicy", request, CloudWatchLogsJsonContext.Default.DeleteRetentionPolicyRequest, CloudWatchLogsJsonContext.Default.DeleteRetentionPolicyResponse, cancellationToken);

    public Task<PutLogEventsResponse> PutLogEventsAsync(PutLogEventsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "PutLogEvents", request, CloudWatchLogsJsonContext.Default.PutLogEventsRequest, CloudWatchLogsJsonContext.Default.PutLogEventsResponse, cancellationToken);

    public Task<TagResourceResponse> TagResourceAsync(TagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "TagResource", request, CloudWatchLogsJsonContext.Default.TagResourceRequest, CloudWatchLogsJsonContext.Default.TagResourceResponse, cancellationToken);

    public Task<UntagResourceResponse> UntagResourceAsync(UntagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "UntagResource", request, CloudWatchLogsJsonContext.Default.UntagResourceRequest, CloudWatchLogsJsonContext.Default.UntagResourceResponse, cancellationToken);

    public Task<ListTagsForResourceResponse> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "ListTagsForResource", request, CloudWatchLogsJsonContext.Default.ListTagsForResourceRequest, CloudWatchLogsJsonContext.Default.ListTagsForResourceResponse, cancellationToken);

    public Task<PutMetricFilterResponse> PutMetricFilterAsync(PutMetricFilterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "PutMetricFilter", request, CloudWatchLogsJsonContext.Default.PutMetricFilterRequest, CloudWatchLogsJsonContext.Default.PutMetricFilterResponse, cancellationToken);

    public Task<DescribeMetricFiltersResponse> DescribeMetricFiltersAsync(DescribeMetricFiltersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "DescribeMetricFilters", request, CloudWatchLogsJsonContext.Default.DescribeMetricFiltersRequest, CloudWatchLogsJsonContext.Default.DescribeMetricFiltersResponse, cancellationToken);

    public Task<DeleteMetricFilterResponse> DeleteMetricFilterAsync(DeleteMetricFilterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.CloudWatchLogs, "DeleteMetricFilter", request, CloudWatchLogsJsonContext.Default.DeleteMetricFilterRequest, CloudWatchLogsJsonContext.Default.DeleteMetricFilterResponse, cancellationToken);
}

using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.CloudFormation;

/// <summary>AWS CloudFormation: the operations Fargo uses, one method each, and paginators where AWS paginates.</summary>
public sealed class CloudFormationClient(AwsQueryProtocolClient protocol)
{
    private readonly AwsQueryProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public CloudFormationClient(AwsHttpClient http)
        : this(new AwsQueryProtocolClient(http))
    {
    }

    public async Task<DescribeStacksResponse> DescribeStacksAsync(DescribeStacksRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "DescribeStacks", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.DescribeStacksRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.DescribeStacksResponse);
    }

    /// <summary>DescribeStacks page by page, following NextToken.</summary>
    public IAsyncEnumerable<DescribeStacksResponse> DescribeStacksPagesAsync(DescribeStacksRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeStacksAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public async Task<DescribeStackEventsResponse> DescribeStackEventsAsync(DescribeStackEventsRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "DescribeStackEvents", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.DescribeStackEventsRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.DescribeStackEventsResponse);
    }

    /// <summary>DescribeStackEvents page by page, following NextToken.</summary>
    public IAsyncEnumerable<DescribeStackEventsResponse> DescribeStackEventsPagesAsync(DescribeStackEventsRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeStackEventsAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public async Task<ListStackResourcesResponse> ListStackResourcesAsync(ListStackResourcesRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "ListStackResources", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.ListStackResourcesRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.ListStackResourcesResponse);
    }

    /// <summary>ListStackResources page by page, following NextToken.</summary>
    public IAsyncEnumerable<ListStackResourcesResponse> ListStackResourcesPagesAsync(ListStackResourcesRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, ListStackResourcesAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public async Task<CreateStackResponse> CreateStackAsync(CreateStackRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "CreateStack", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.CreateStackRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.CreateStackResponse);
    }

    public async Task<UpdateStackResponse> UpdateStackAsync(UpdateStackRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "UpdateStack", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.UpdateStackRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.UpdateStackResponse);
    }

    public async Task<DeleteStackResponse> DeleteStackAsync(DeleteStackRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "DeleteStack", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.DeleteStackRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.DeleteStackResponse);
    }

    public async Task<DescribeStackResourceResponse> DescribeStackResourceAsync(DescribeStackResourceRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "DescribeStackResource", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.DescribeStackResourceRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.DescribeStackResourceResponse);
    }

    public async Task<DescribeStackResourcesResponse> DescribeStackResourcesAsync(DescribeStackResourcesRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "DescribeStackResources", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.DescribeStackResourcesRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.DescribeStackResourcesResponse);
    }

    public async Task<GetTemplateResponse> GetTemplateAsync(GetTemplateRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "GetTemplate", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.GetTemplateRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.GetTemplateResponse);
    }

    public async Task<GetTemplateSummaryResponse> GetTemplateSummaryAsync(GetTemplateSummaryRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "GetTemplateSummary", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.GetTemplateSummaryRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.GetTemplateSummaryResponse);
    }

    public async Task<ValidateTemplateResponse> ValidateTemplateAsync(ValidateTemplateRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "ValidateTemplate", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.ValidateTemplateRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.ValidateTemplateResponse);
    }

    public async Task<CreateChangeSetResponse> CreateChangeSetAsync(CreateChangeSetRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "CreateChangeSet", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.CreateChangeSetRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.CreateChangeSetResponse);
    }

    public async Task<DescribeChangeSetResponse> DescribeChangeSetAsync(DescribeChangeSetRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "DescribeChangeSet", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.DescribeChangeSetRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.DescribeChangeSetResponse);
    }

    public async Task<ExecuteChangeSetResponse> ExecuteChangeSetAsync(ExecuteChangeSetRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "ExecuteChangeSet", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.ExecuteChangeSetRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.ExecuteChangeSetResponse);
    }

    public async Task<DeleteChangeSetResponse> DeleteChangeSetAsync(DeleteChangeSetRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "DeleteChangeSet", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.DeleteChangeSetRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.DeleteChangeSetResponse);
    }

    public async Task<ListChangeSetsResponse> ListChangeSetsAsync(ListChangeSetsRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "ListChangeSets", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.ListChangeSetsRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.ListChangeSetsResponse);
    }

    public async Task<ListExportsResponse> ListExportsAsync(ListExportsRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "ListExports", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.ListExportsRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.ListExportsResponse);
    }

    public async Task<ListImportsResponse> ListImportsAsync(ListImportsRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.CloudFormation, "ListImports", AwsQuerySerializer.Serialize(request, CloudFormationJsonContext.Default.ListImportsRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.ListImportsResponse);
    }
}

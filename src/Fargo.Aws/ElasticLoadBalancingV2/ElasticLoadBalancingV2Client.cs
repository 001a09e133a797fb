using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.ElasticLoadBalancingV2;

/// <summary>Elastic Load Balancing v2 (Application Load Balancers): the operations Fargo uses, one method each, and paginators where AWS paginates.</summary>
public sealed class ElasticLoadBalancingV2Client(AwsQueryProtocolClient protocol)
{
    private readonly AwsQueryProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public ElasticLoadBalancingV2Client(AwsHttpClient http)
        : this(new AwsQueryProtocolClient(http))
    {
    }

    public async Task<CreateLoadBalancerResponse> CreateLoadBalancerAsync(CreateLoadBalancerRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "CreateLoadBalancer", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.CreateLoadBalancerRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.CreateLoadBalancerResponse);
    }

    public async Task<DescribeLoadBalancersResponse> DescribeLoadBalancersAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "DescribeLoadBalancers", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.DescribeLoadBalancersRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DescribeLoadBalancersResponse);
    }

    /// <summary>DescribeLoadBalancers page by page, following NextMarker.</summary>
    public IAsyncEnumerable<DescribeLoadBalancersResponse> DescribeLoadBalancersPagesAsync(DescribeLoadBalancersRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeLoadBalancersAsync, static r => r.Marker, static (r, token) => r with { Marker = token }, static page => page.NextMarker, cancellationToken);

    public async Task<DeleteLoadBalancerResponse> DeleteLoadBalancerAsync(DeleteLoadBalancerRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "DeleteLoadBalancer", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.DeleteLoadBalancerRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DeleteLoadBalancerResponse);
    }

    public async Task<CreateTargetGroupResponse> CreateTargetGroupAsync(CreateTargetGroupRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "CreateTargetGroup", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.CreateTargetGroupRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.CreateTargetGroupResponse);
    }

    public async Task<DescribeTargetGroupsResponse> DescribeTargetGroupsAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "DescribeTargetGroups", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.DescribeTargetGroupsRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DescribeTargetGroupsResponse);
    }

    /// <summary>DescribeTargetGroups page by page, following NextMarker.</summary>
    public IAsyncEnumerable<DescribeTargetGroupsResponse> DescribeTargetGroupsPagesAsync(DescribeTargetGroupsRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeTargetGroupsAsync, static r => r.Marker, static (r, token) => r with { Marker = token }, static page => page.NextMarker, cancellationToken);

    public async Task<ModifyTargetGroupAttributesResponse> ModifyTargetGroupAttributesAsync(ModifyTargetGroupAttributesRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "ModifyTargetGroupAttributes", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.ModifyTargetGroupAttributesRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.ModifyTargetGroupAttributesResponse);
    }

    public async Task<DescribeTargetGroupAttributesResponse> DescribeTargetGroupAttributesAsync(DescribeTargetGroupAttributesRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "DescribeTargetGroupAttributes", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.DescribeTargetGroupAttributesRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DescribeTargetGroupAttributesResponse);
    }

    public async Task<DeleteTargetGroupResponse> DeleteTargetGroupAsync(DeleteTargetGroupRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "DeleteTargetGroup", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.DeleteTargetGroupRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DeleteTargetGroupResponse);
    }

    public async Task<CreateListenerResponse> CreateListenerAsync(CreateListenerRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "CreateListener", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.CreateListenerRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.CreateListenerResponse);
    }

    public async Task<DescribeListenersResponse> DescribeListenersAsync(DescribeListenersRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "DescribeListeners", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.DescribeListenersRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DescribeListenersResponse);
    }

    /// <summary>DescribeListeners page by page, following NextMarker.</summary>
    public IAsyncEnumerable<DescribeListenersResponse> DescribeListenersPagesAsync(DescribeListenersRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeListenersAsync, static r => r.Marker, static (r, token) => r with { Marker = token }, static page => page.NextMarker, cancellationToken);

    public async Task<DeleteListenerResponse> DeleteListenerAsync(DeleteListenerRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "DeleteListener", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.DeleteListenerRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DeleteListenerResponse);
    }

    public async Task<RegisterTargetsResponse> RegisterTargetsAsync(RegisterTargetsRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "RegisterTargets", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.RegisterTargetsRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.RegisterTargetsResponse);
    }

    public async Task<DeregisterTargetsResponse> DeregisterTargetsAsync(DeregisterTargetsRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "DeregisterTargets", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.DeregisterTargetsRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DeregisterTargetsResponse);
    }

    public async Task<DescribeTargetHealthResponse> DescribeTargetHealthAsync(DescribeTargetHealthRequest request, CancellationToken cancellationToken = default)
    {
        var result = await _protocol.InvokeAsync(
            AwsServices.ElasticLoadBalancingV2, "DescribeTargetHealth", AwsQuerySerializer.Serialize(request, ElasticLoadBalancingV2JsonContext.Default.DescribeTargetHealthRequest), cancellationToken)
            .ConfigureAwait(false);
        return AwsXmlShapeSerializer.Read(result, ElasticLoadBalancingV2JsonContext.Default.DescribeTargetHealthResponse);
    }
}

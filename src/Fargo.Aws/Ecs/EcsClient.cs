using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecs;

/// <summary>Amazon ECS (Elastic Container Service): the operations Fargo uses, one method each, and paginators where AWS paginates.</summary>
public sealed class EcsClient(AwsJsonProtocolClient protocol)
{
    private readonly AwsJsonProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public EcsClient(AwsHttpClient http)
        : this(new AwsJsonProtocolClient(http))
    {
    }

    public Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "RegisterTaskDefinition", request, EcsJsonContext.Default.RegisterTaskDefinitionRequest, EcsJsonContext.Default.RegisterTaskDefinitionResponse, cancellationToken);

    public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "DescribeTaskDefinition", request, EcsJsonContext.Default.DescribeTaskDefinitionRequest, EcsJsonContext.Default.DescribeTaskDefinitionResponse, cancellationToken);

    public Task<ListTaskDefinitionsResponse> ListTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "ListTaskDefinitions", request, EcsJsonContext.Default.ListTaskDefinitionsRequest, EcsJsonContext.Default.ListTaskDefinitionsResponse, cancellationToken);

    /// <summary>ListTaskDefinitions page by page, following nextToken.</summary>
    public IAsyncEnumerable<ListTaskDefinitionsResponse> ListTaskDefinitionsPagesAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, ListTaskDefinitionsAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<DeregisterTaskDefinitionResponse> DeregisterTaskDefinitionAsync(DeregisterTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "DeregisterTaskDefinition", request, EcsJsonContext.Default.DeregisterTaskDefinitionRequest, EcsJsonContext.Default.DeregisterTaskDefinitionResponse, cancellationToken);

    public Task<CreateClusterResponse> CreateClusterAsync(CreateClusterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "CreateCluster", request, EcsJsonContext.Default.CreateClusterRequest, EcsJsonContext.Default.CreateClusterResponse, cancellationToken);

    public Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "DescribeClusters", request, EcsJsonContext.Default.DescribeClustersRequest, EcsJsonContext.Default.DescribeClustersResponse, cancellationToken);

    public Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "ListClusters", request, EcsJsonContext.Default.ListClustersRequest, EcsJsonContext.Default.ListClustersResponse, cancellationToken);

    /// <summary>ListClusters page by page, following nextToken.</summary>
    public IAsyncEnumerable<ListClustersResponse> ListClustersPagesAsync(ListClustersRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, ListClustersAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<DeleteClusterResponse> DeleteClusterAsync(DeleteClusterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "DeleteCluster", request, EcsJsonContext.Default.DeleteClusterRequest, EcsJsonContext.Default.DeleteClusterResponse, cancellationToken);

    public Task<CreateServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "CreateService", request, EcsJsonContext.Default.CreateServiceRequest, EcsJsonContext.Default.CreateServiceResponse, cancellationToken);

    public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "UpdateService", request, EcsJsonContext.Default.UpdateServiceRequest, EcsJsonContext.Default.UpdateServiceResponse, cancellationToken);

    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "DescribeServices", request, EcsJsonContext.Default.DescribeServicesRequest, EcsJsonContext.Default.DescribeServicesResponse, cancellationToken);

    public Task<ListServicesResponse> ListServicesAsync(ListServicesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "ListServices", request, EcsJsonContext.Default.ListServicesRequest, EcsJsonContext.Default.ListServicesResponse, cancellationToken);

    /// <summary>ListServices page by page, following nextToken.</summary>
    public IAsyncEnumerable<ListServicesResponse> ListServicesPagesAsync(ListServicesRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, ListServicesAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<DeleteServiceResponse> DeleteServiceAsync(DeleteServiceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "DeleteService", request, EcsJsonContext.Default.DeleteServiceRequest, EcsJsonContext.Default.DeleteServiceResponse, cancellationToken);

    public Task<RunTaskResponse> RunTaskAsync(RunTaskRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "RunTask", request, EcsJsonContext.Default.RunTaskRequest, EcsJsonContext.Default.RunTaskResponse, cancellationToken);

    public Task<StopTaskResponse> StopTaskAsync(StopTaskRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "StopTask", request, EcsJsonContext.Default.StopTaskRequest, EcsJsonContext.Default.StopTaskResponse, cancellationToken);

    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "ListTasks", request, EcsJsonContext.Default.ListTasksRequest, EcsJsonContext.Default.ListTasksResponse, cancellationToken);

    /// <summary>ListTasks page by page, following nextToken.</summary>
    public IAsyncEnumerable<ListTasksResponse> ListTasksPagesAsync(ListTasksRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, ListTasksAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "DescribeTasks", request, EcsJsonContext.Default.DescribeTasksRequest, EcsJsonContext.Default.DescribeTasksResponse, cancellationToken);

    public Task<TagResourceResponse> TagResourceAsync(TagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "TagResource", request, EcsJsonContext.Default.TagResourceRequest, EcsJsonContext.Default.TagResourceResponse, cancellationToken);

    public Task<PutClusterCapacityProvidersResponse> PutClusterCapacityProvidersAsync(PutClusterCapacityProvidersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "PutClusterCapacityProviders", request, EcsJsonContext.Default.PutClusterCapacityProvidersRequest, EcsJsonContext.Default.PutClusterCapacityProvidersResponse, cancellationToken);

    public Task<UntagResourceResponse> UntagResourceAsync(UntagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "UntagResource", request, EcsJsonContext.Default.UntagResourceRequest, EcsJsonContext.Default.UntagResourceResponse, cancellationToken);

    public Task<ListTagsForResourceResponse> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "ListTagsForResource", request, EcsJsonContext.Default.ListTagsForResourceRequest, EcsJsonContext.Default.ListTagsForResourceResponse, cancellationToken);

    public Task<UpdateClusterResponse> UpdateClusterAsync(UpdateClusterRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "UpdateCluster", request, EcsJsonContext.Default.UpdateClusterRequest, EcsJsonContext.Default.UpdateClusterResponse, cancellationToken);

    public Task<UpdateClusterSettingsResponse> UpdateClusterSettingsAsync(UpdateClusterSettingsRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "UpdateClusterSettings", request, EcsJsonContext.Default.UpdateClusterSettingsRequest, EcsJsonContext.Default.UpdateClusterSettingsResponse, cancellationToken);

    public Task<CreateCapacityProviderResponse> CreateCapacityProviderAsync(CreateCapacityProviderRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "CreateCapacityProvider", request, EcsJsonContext.Default.CreateCapacityProviderRequest, EcsJsonContext.Default.CreateCapacityProviderResponse, cancellationToken);

    public Task<DescribeCapacityProvidersResponse> DescribeCapacityProvidersAsync(DescribeCapacityProvidersRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "DescribeCapacityProviders", request, EcsJsonContext.Default.DescribeCapacityProvidersRequest, EcsJsonContext.Default.DescribeCapacityProvidersResponse, cancellationToken);

    public Task<DeleteCapacityProviderResponse> DeleteCapacityProviderAsync(DeleteCapacityProviderRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "DeleteCapacityProvider", request, EcsJsonContext.Default.DeleteCapacityProviderRequest, EcsJsonContext.Default.DeleteCapacityProviderResponse, cancellationToken);

    public Task<UpdateCapacityProviderResponse> UpdateCapacityProviderAsync(UpdateCapacityProviderRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecs, "UpdateCapacityProvider", request, EcsJsonContext.Default.UpdateCapacityProviderRequest, EcsJsonContext.Default.UpdateCapacityProviderResponse, cancellationToken);
}

using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Ecr;

/// <summary>Amazon ECR (Elastic Container Registry): the operations Fargo uses, one method each, and paginators where AWS paginates.</summary>
public sealed class EcrClient(AwsJsonProtocolClient protocol)
{
    private readonly AwsJsonProtocolClient _protocol = protocol ?? throw new ArgumentNullException(nameof(protocol));

    public EcrClient(AwsHttpClient http)
        : this(new AwsJsonProtocolClient(http))
    {
    }

    public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "CreateRepository", request, EcrJsonContext.Default.CreateRepositoryRequest, EcrJsonContext.Default.CreateRepositoryResponse, cancellationToken);

    public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "DescribeRepositories", request, EcrJsonContext.Default.DescribeRepositoriesRequest, EcrJsonContext.Default.DescribeRepositoriesResponse, cancellationToken);

    /// <summary>DescribeRepositories page by page, following nextToken.</summary>
    public IAsyncEnumerable<DescribeRepositoriesResponse> DescribeRepositoriesPagesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeRepositoriesAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "DescribeImages", request, EcrJsonContext.Default.DescribeImagesRequest, EcrJsonContext.Default.DescribeImagesResponse, cancellationToken);

    public Task<ListImagesResponse> ListImagesAsync(ListImagesRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "ListImages", request, EcrJsonContext.Default.ListImagesRequest, EcrJsonContext.Default.ListImagesResponse, cancellationToken);

    /// <summary>DescribeImages page by page, following nextToken.</summary>
    public IAsyncEnumerable<DescribeImagesResponse> DescribeImagesPagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
        AwsPagination.PagesAsync(request, DescribeImagesAsync, static r => r.NextToken, static (r, token) => r with { NextToken = token }, static page => page.NextToken, cancellationToken);

    public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "BatchGetImage", request, EcrJsonContext.Default.BatchGetImageRequest, EcrJsonContext.Default.BatchGetImageResponse, cancellationToken);

    public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "PutImage", request, EcrJsonContext.Default.PutImageRequest, EcrJsonContext.Default.PutImageResponse, cancellationToken);

    public Task<BatchDeleteImageResponse> BatchDeleteImageAsync(BatchDeleteImageRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "BatchDeleteImage", request, EcrJsonContext.Default.BatchDeleteImageRequest, EcrJsonContext.Default.BatchDeleteImageResponse, cancellationToken);

    public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "GetAuthorizationToken", request, EcrJsonContext.Default.GetAuthorizationTokenRequest, EcrJsonContext.Default.GetAuthorizationTokenResponse, cancellationToken);

    public Task<TagResourceResponse> TagResourceAsync(TagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "TagResource", request, EcrJsonContext.Default.TagResourceRequest, EcrJsonContext.Default.TagResourceResponse, cancellationToken);

    public Task<UntagResourceResponse> UntagResourceAsync(UntagResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "UntagResource", request, EcrJsonContext.Default.UntagResourceRequest, EcrJsonContext.Default.UntagResourceResponse, cancellationToken);

    public Task<ListTagsForResourceResponse> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "ListTagsForResource", request, EcrJsonContext.Default.ListTagsForResourceRequest, EcrJsonContext.Default.ListTagsForResourceResponse, cancellationToken);

    public Task<SetRepositoryPolicyResponse> SetRepositoryPolicyAsync(SetRepositoryPolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "SetRepositoryPolicy", request, EcrJsonContext.Default.SetRepositoryPolicyRequest, EcrJsonContext.Default.SetRepositoryPolicyResponse, cancellationToken);

    public Task<GetRepositoryPolicyResponse> GetRepositoryPolicyAsync(GetRepositoryPolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "GetRepositoryPolicy", request, EcrJsonContext.Default.GetRepositoryPolicyRequest, EcrJsonContext.Default.GetRepositoryPolicyResponse, cancellationToken);

    public Task<DeleteRepositoryPolicyResponse> DeleteRepositoryPolicyAsync(DeleteRepositoryPolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "DeleteRepositoryPolicy", request, EcrJsonContext.Default.DeleteRepositoryPolicyRequest, EcrJsonContext.Default.DeleteRepositoryPolicyResponse, cancellationToken);

    public Task<DescribeRegistryResponse> DescribeRegistryAsync(DescribeRegistryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "DescribeRegistry", request, EcrJsonContext.Default.DescribeRegistryRequest, EcrJsonContext.Default.DescribeRegistryResponse, cancellationToken);

    public Task<DeleteRepositoryResponse> DeleteRepositoryAsync(DeleteRepositoryRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "DeleteRepository", request, EcrJsonContext.Default.DeleteRepositoryRequest, EcrJsonContext.Default.DeleteRepositoryResponse, cancellationToken);

    public Task<PutImageTagMutabilityResponse> PutImageTagMutabilityAsync(PutImageTagMutabilityRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "PutImageTagMutability", request, EcrJsonContext.Default.PutImageTagMutabilityRequest, EcrJsonContext.Default.PutImageTagMutabilityResponse, cancellationToken);

    public Task<PutImageScanningConfigurationResponse> PutImageScanningConfigurationAsync(PutImageScanningConfigurationRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "PutImageScanningConfiguration", request, EcrJsonContext.Default.PutImageScanningConfigurationRequest, EcrJsonContext.Default.PutImageScanningConfigurationResponse, cancellationToken);

    public Task<PutLifecyclePolicyResponse> PutLifecyclePolicyAsync(PutLifecyclePolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "PutLifecyclePolicy", request, EcrJsonContext.Default.PutLifecyclePolicyRequest, EcrJsonContext.Default.PutLifecyclePolicyResponse, cancellationToken);

    public Task<GetLifecyclePolicyResponse> GetLifecyclePolicyAsync(GetLifecyclePolicyRequest request, CancellationToken cancellationToken = default) =>
        _protocol.InvokeAsync(AwsServices.Ecr, "GetLifecyclePolicy", request, EcrJsonContext.Default.GetLifecyclePolicyRequest, EcrJsonContext.Default.GetLifecyclePolicyResponse, cancellationToken);
}

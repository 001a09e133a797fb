using Fargo.Aws;
using Fargo.Aws.Ecr;
using Fargo.Deploy.Aws;

namespace Fargo.Deploy.Tests.Images;

/// <summary>An ECR with one registry, for push tests: repositories, tagged digests, a login token; every call recorded.</summary>
internal sealed class FakeEcr(string token) : IEcrApi
{
    public List<string> Calls { get; } = [];

    public List<CreateRepositoryRequest> Created { get; } = [];

    public HashSet<string> Repositories { get; } = [];

    /// <summary>repository:tag → digest; the fake docker's push adds to it through <see cref="Pushed"/>.</summary>
    public Dictionary<string, string> Tags { get; } = [];

    public void Pushed(string repository, string tag, string digest) => Tags[$"{repository}:{tag}"] = digest;

    public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken)
    {
        Calls.Add("DescribeRepositories");
        var name = request.RepositoryNames![0];
        return Repositories.Contains(name)
            ? Task.FromResult(new DescribeRepositoriesResponse { Repositories = [new Repository { RepositoryName = name }] })
            : throw new AwsServiceException("ECR", "DescribeRepositories", "RepositoryNotFoundException", $"The repository with name '{name}' does not exist", null, 400);
    }

    public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken)
    {
        Calls.Add("CreateRepository");
        Created.Add(request);
        Repositories.Add(request.RepositoryName);
        return Task.FromResult(new CreateRepositoryResponse { Repository = new Repository { RepositoryName = request.RepositoryName } });
    }

    public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken)
    {
        Calls.Add("GetAuthorizationToken");
        return Task.FromResult(new GetAuthorizationTokenResponse { AuthorizationData = [new AuthorizationData { AuthorizationToken = token }] });
    }

    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken)
    {
        Calls.Add("DescribeImages");
        var tag = request.ImageIds![0].ImageTag;
        return Tags.TryGetValue($"{request.RepositoryName}:{tag}", out var digest)
            ? Task.FromResult(new DescribeImagesResponse { ImageDetails = [new ImageDetail { ImageDigest = digest, ImageTags = [tag!], ImageManifestMediaType = "application/vnd.oci.image.manifest.v1+json" }] })
            : throw new AwsServiceException("ECR", "DescribeImages", "ImageNotFoundException", $"The image with imageId {{imageTag:'{tag}'}} does not exist", null, 400);
    }

    public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A push does not read manifests.");

    public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A push does not put manifests through the API.");
}

using Fargo.Aws;
using Fargo.Aws.Ecr;
using Fargo.Local.Artifacts;
using Fargo.Local.Ecr;

namespace Fargo.Local.Api;

/// <summary>ECR's operations on the wire, served by the <see cref="ImageRegistry"/>.</summary>
internal static class EcrApi
{
    public static JsonOperationTable Create(ImageRegistry registry, RegistryTokens tokens)
    {
        var json = EcrJsonContext.Default;
        return new JsonOperationTable(AwsServices.Ecr)
            .Add("CreateRepository", json.CreateRepositoryRequest, json.CreateRepositoryResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                var repository = registry.CreateRepository(
                    request.RepositoryName,
                    request.ImageTagMutability?.Value,
                    request.ImageScanningConfiguration?.ScanOnPush ?? false,
                    request.Tags?.Select(t => new KeyValuePair<string, string>(t.Key, t.Value)).ToList());
                return new CreateRepositoryResponse { Repository = ToWire(repository) };
            })
            .Add("DeleteRepository", json.DeleteRepositoryRequest, json.DeleteRepositoryResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                return new DeleteRepositoryResponse { Repository = ToWire(registry.DeleteRepository(request.RepositoryName, request.Force ?? false)) };
            })
            .Add("PutImageTagMutability", json.PutImageTagMutabilityRequest, json.PutImageTagMutabilityResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                var repository = registry.SetTagMutability(request.RepositoryName, request.ImageTagMutability.Value);
                return new PutImageTagMutabilityResponse
                {
                    RegistryId = LocalRegionConstants.Account,
                    RepositoryName = repository.Name,
                    ImageTagMutability = ImageTagMutability.FromWire(repository.ImageTagMutability),
                };
            })
            .Add("PutImageScanningConfiguration", json.PutImageScanningConfigurationRequest, json.PutImageScanningConfigurationResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                var repository = registry.SetScanOnPush(request.RepositoryName, request.ImageScanningConfiguration.ScanOnPush ?? false);
                return new PutImageScanningConfigurationResponse
                {
                    RegistryId = LocalRegionConstants.Account,
                    RepositoryName = repository.Name,
                    ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = repository.ScanOnPush },
                };
            })
            .Add("PutLifecyclePolicy", json.PutLifecyclePolicyRequest, json.PutLifecyclePolicyResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                var repository = registry.PutLifecyclePolicy(request.RepositoryName, request.LifecyclePolicyText);
                return new PutLifecyclePolicyResponse { RegistryId = LocalRegionConstants.Account, RepositoryName = repository.Name, LifecyclePolicyText = repository.LifecyclePolicyText };
            })
            .Add("GetLifecyclePolicy", json.GetLifecyclePolicyRequest, json.GetLifecyclePolicyResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                return new GetLifecyclePolicyResponse
                {
                    RegistryId = LocalRegionConstants.Account,
                    RepositoryName = request.RepositoryName,
                    LifecyclePolicyText = registry.GetLifecyclePolicy(request.RepositoryName),
                };
            })
            .Add("DescribeRepositories", json.DescribeRepositoriesRequest, json.DescribeRepositoriesResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                var (repositories, next) = registry.DescribeRepositories(request.RepositoryNames, request.MaxResults, request.NextToken);
                return new DescribeRepositoriesResponse { Repositories = repositories.Select(ToWire).ToList(), NextToken = next };
            })
            .Add("DescribeImages", json.DescribeImagesRequest, json.DescribeImagesResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                var (images, next) = registry.DescribeImages(
                    request.RepositoryName,
                    request.ImageIds?.Select(ToId).ToList(),
                    request.Filter?.TagStatus?.Value,
                    request.MaxResults,
                    request.NextToken);
                return new DescribeImagesResponse
                {
                    ImageDetails = images.Select(i => new ImageDetail
                    {
                        RegistryId = LocalRegionConstants.Account,
                        RepositoryName = request.RepositoryName,
                        ImageDigest = i.Digest,
                        ImageTags = i.Tags.Count > 0 ? i.Tags : null,
                        ImageSizeInBytes = i.SizeInBytes,
                        ImagePushedAt = i.PushedAt,
                        ImageManifestMediaType = ArtifactManifest.MediaType,
                    }).ToList(),
                    NextToken = next,
                };
            })
            .Add("BatchGetImage", json.BatchGetImageRequest, json.BatchGetImageResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                var (images, failures) = registry.BatchGetImage(request.RepositoryName, request.ImageIds.Select(ToId).ToList());
                return new BatchGetImageResponse { Images = images.Select(ToWire).ToList(), Failures = failures.Select(ToWire).ToList() };
            })
            .Add("PutImage", json.PutImageRequest, json.PutImageResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                var image = registry.PutImage(request.RepositoryName, request.ImageManifest, request.ImageTag, request.ImageDigest);
                return new PutImageResponse { Image = ToWire(image) };
            })
            .Add("BatchDeleteImage", json.BatchDeleteImageRequest, json.BatchDeleteImageResponse, request =>
            {
                CheckRegistry(request.RegistryId);
                var (deleted, failures) = registry.BatchDeleteImage(request.RepositoryName, request.ImageIds.Select(ToId).ToList());
                return new BatchDeleteImageResponse
                {
                    ImageIds = deleted.Select(d => new ImageIdentifier { ImageDigest = d.Digest, ImageTag = d.Tag }).ToList(),
                    Failures = failures.Select(ToWire).ToList(),
                };
            })
            .Add("GetAuthorizationToken", json.GetAuthorizationTokenRequest, json.GetAuthorizationTokenResponse, request =>
            {
                var (token, expiresAt, proxy) = ImageRegistry.GetAuthorizationToken(tokens);
                return new GetAuthorizationTokenResponse
                {
                    AuthorizationData = [new AuthorizationData { AuthorizationToken = token, ExpiresAt = expiresAt, ProxyEndpoint = proxy }],
                };
            });
    }

    private static void CheckRegistry(string? registryId)
    {
        if (registryId is not null && registryId != LocalRegionConstants.Account)
        {
            throw new LocalServiceException("InvalidParameterException", $"Invalid parameter at 'registryId': the local region's registry is {LocalRegionConstants.Account}");
        }
    }

    private static ImageId ToId(ImageIdentifier id) => new(id.ImageDigest, id.ImageTag);

    private static Repository ToWire(RepositoryRecord repository) => new()
    {
        RepositoryArn = repository.Arn,
        RegistryId = LocalRegionConstants.Account,
        RepositoryName = repository.Name,
        RepositoryUri = repository.Uri,
        CreatedAt = repository.CreatedAt,
        ImageTagMutability = ImageTagMutability.FromWire(repository.ImageTagMutability),
        ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = repository.ScanOnPush },
        EncryptionConfiguration = new EncryptionConfiguration { EncryptionType = EncryptionType.Aes256 },
    };

    private static Image ToWire(ImageManifestResult image) => new()
    {
        RegistryId = LocalRegionConstants.Account,
        RepositoryName = image.Repository,
        ImageId = new ImageIdentifier { ImageDigest = image.ImageId.Digest, ImageTag = image.ImageId.Tag },
        ImageManifest = image.Manifest,
        ImageManifestMediaType = image.MediaType,
    };

    private static ImageFailure ToWire(ImageIdFailure failure) => new()
    {
        ImageId = new ImageIdentifier { ImageDigest = failure.ImageId.Digest, ImageTag = failure.ImageId.Tag },
        FailureCode = ImageFailureCode.FromWire(failure.FailureCode),
        FailureReason = failure.FailureReason,
    };
}

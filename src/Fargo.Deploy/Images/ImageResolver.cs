using Fargo.Aws;
using Fargo.Aws.Ecr;
using Fargo.Deploy.Rendering;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Images;

/// <summary>An image pinned to its digest: what a task definition names, so a re-pushed tag never changes what runs.</summary>
/// <param name="Uri">registry/repository@sha256:….</param>
/// <param name="Repository">The repository name.</param>
/// <param name="Digest">sha256:….</param>
/// <param name="Tag">The tag it was asked for by, if any.</param>
/// <param name="MediaType">The manifest's media type, when the registry said.</param>
public sealed record ResolvedImage(string Uri, string Repository, string Digest, string? Tag, string? MediaType);

/// <summary>Turns a version or an image URI into a <see cref="ResolvedImage"/> through the environment's ECR.</summary>
public static class ImageResolver
{
    /// <summary>The environment's repository URI (without tag): the local registry, or ACCOUNT.dkr.ecr.REGION.amazonaws.com/NAME.</summary>
    public static string RepositoryUri(TargetEnvironment environment, string repository)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return environment.IsLocal
            ? $"{TargetEnvironment.LocalRegistryHost}/{repository}"
            : AwsNames.EcrRepositoryUri(environment.Region, environment.Account, repository);
    }

    /// <summary>The image of <paramref name="version"/> (a tag) in the service's repository.</summary>
    public static Task<ResolvedImage> ResolveVersionAsync(DeployTarget target, string version, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        var repository = target.Spec.Repository
            ?? throw new DeployUsageException("This configuration has no image repository, so --version cannot name an image.", "Pass the image URI instead.");
        return ResolveUriAsync(target, $"{RepositoryUri(target.Environment, repository)}:{version.Trim()}", cancellationToken);
    }

    /// <summary>
    /// An image URI, pinned to its digest. ECR images in the environment's region (and the local region's images)
    /// are looked up; a URI already pinned by digest is checked to exist there. Other registries cannot be asked here,
    /// so their images must come pinned by digest.
    /// </summary>
    public static async Task<ResolvedImage> ResolveUriAsync(DeployTarget target, string uri, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var reference = ImageReference.Parse(uri);
        var ecr = reference.Ecr;
        if (ecr is null || ecr.Value.Region != target.Environment.Region)
        {
            if (reference.Digest is not null)
            {
                return new ResolvedImage(reference.PinnedTo(reference.Digest), reference.Repository, reference.Digest, reference.Tag, null);
            }

            throw new DeployUsageException(
                $"{uri} is not in an ECR registry of {target.Environment.Describe()}, so Fargo cannot find its digest; a tag alone could be re-pushed and change what runs.",
                "Pass the image pinned by digest (NAME@sha256:…), or push it to the environment's ECR repository.");
        }

        var id = reference.Digest is not null ? new ImageIdentifier { ImageDigest = reference.Digest } : new ImageIdentifier { ImageTag = reference.Tag ?? "latest" };
        DescribeImagesResponse described;
        try
        {
            described = await target.Apis.Ecr.DescribeImagesAsync(
                new DescribeImagesRequest { RegistryId = ecr.Value.Account, RepositoryName = reference.Repository, ImageIds = [id] },
                cancellationToken);
        }
        catch (AwsServiceException e) when (e.Code is "ImageNotFoundException" or "RepositoryNotFoundException")
        {
            throw new DeployException(
                e.Code == "RepositoryNotFoundException"
                    ? $"The repository {reference.Repository} does not exist on {target.Environment.Describe()}."
                    : $"There is no image {reference} on {target.Environment.Describe()}.",
                target.Environment.IsLocal ? "Build and push it first: fargo build --version V && fargo push --version V (or fargo up)." : "Push the image first (fargo build && fargo push), or check the version.",
                e);
        }

        var detail = described.ImageDetails?.FirstOrDefault(d => d.ImageDigest is not null)
            ?? throw new DeployException($"There is no image {reference} on {target.Environment.Describe()}.", "Push the image first, or check the version.");
        return new ResolvedImage(reference.PinnedTo(detail.ImageDigest!), reference.Repository, detail.ImageDigest!, reference.Tag, detail.ImageManifestMediaType);
    }
}

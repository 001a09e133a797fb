using Fargo.Aws;
using Fargo.Aws.Ecr;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Images;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Operations;

/// <summary>What `fargo promote` did.</summary>
/// <param name="Digest">The image digest, the same in both environments.</param>
/// <param name="Source">The image in the first environment, pinned.</param>
/// <param name="Destination">The image in the second, pinned.</param>
/// <param name="Tag">The tag it carries in the second environment, if any.</param>
/// <param name="AlreadyThere">The second environment's repository already had this digest (under this tag).</param>
public sealed record PromoteResult(string Digest, string Source, string Destination, string? Tag, bool AlreadyThere);

/// <summary>
/// `fargo promote --from E1 --to E2 [--version V]`: the very image digest that runs in E1 goes into E2's repository,
/// no rebuild. Within one registry (same account and region, or both on the local region) the manifest is copied with
/// BatchGetImage and PutImage, media type preserved. Refuses when the version is not what runs in E1, unless forced.
/// </summary>
public static class Promoter
{
    public static async Task<PromoteResult> PromoteAsync(DeployTarget from, DeployTarget to, string? version, bool force, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        var service = await ServiceLookup.RequireAsync(from, cancellationToken);
        var runningImage = await ServiceStatusReader.ImageOfAsync(from, Deployer.PrimaryOf(service)?.TaskDefinition ?? service.TaskDefinition, cancellationToken)
            ?? throw new DeployException($"No image runs in {from.Environment.Name}.");
        var running = await ImageResolver.ResolveUriAsync(from, runningImage, cancellationToken);

        var source = running;
        if (version is not null)
        {
            source = await ImageResolver.ResolveVersionAsync(from, version, cancellationToken);
            if (source.Digest != running.Digest && !force)
            {
                throw new DeployException(
                    $"Version {version} ({Short(source.Digest)}) is not what runs in {from.Environment.Name} ({Short(running.Digest)}): only what ran there gets promoted.",
                    $"Deploy {version} to {from.Environment.Name} first, or pass --force to promote it anyway.");
            }
        }

        var sameRegistry = from.Environment.Account == to.Environment.Account && from.Environment.Region == to.Environment.Region;
        if (!sameRegistry)
        {
            throw new DeployException(
                $"{from.Environment.Name} and {to.Environment.Name} are different registries (account {from.Environment.Account} in {from.Environment.Region}, account {to.Environment.Account} in {to.Environment.Region}); " +
                "copying an image between registries (the Docker Registry HTTP API with ECR's auth) is not available in this version of Fargo.",
                "Promote between environments of one account and region, or copy the image with your registry tooling.");
        }

        var fromRepository = from.Spec.Repository ?? source.Repository;
        var toRepository = to.Spec.Repository ?? fromRepository;
        var tag = version ?? await FirstTagAsync(from, fromRepository, source.Digest, cancellationToken);
        var batch = await to.Apis.Ecr.BatchGetImageAsync(new BatchGetImageRequest
        {
            RegistryId = from.Environment.Account,
            RepositoryName = fromRepository,
            ImageIds = [new ImageIdentifier { ImageDigest = source.Digest }],
            AcceptedMediaTypes =
            [
                "application/vnd.docker.distribution.manifest.v2+json",
                "application/vnd.docker.distribution.manifest.list.v2+json",
                "application/vnd.oci.image.manifest.v1+json",
                "application/vnd.oci.image.index.v1+json",
                source.MediaType ?? "application/vnd.docker.distribution.manifest.v2+json",
            ],
        }, cancellationToken);
        var manifest = batch.Images?.FirstOrDefault(i => i.ImageManifest is not null)
            ?? throw new DeployException($"The registry returned no manifest for {source.Uri}: {string.Join("; ", (batch.Failures ?? []).Select(f => f.FailureReason))}");

        var destination = $"{ImageResolver.RepositoryUri(to.Environment, toRepository)}@{source.Digest}";
        var alreadyThere = false;
        try
        {
            await to.Apis.Ecr.PutImageAsync(new PutImageRequest
            {
                RegistryId = to.Environment.Account,
                RepositoryName = toRepository,
                ImageManifest = manifest.ImageManifest!,
                ImageManifestMediaType = manifest.ImageManifestMediaType,
                ImageTag = tag,
                ImageDigest = source.Digest,
            }, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Code == "ImageAlreadyExistsException")
        {
            alreadyThere = true;
        }

        return new PromoteResult(source.Digest, source.Uri, destination, tag, alreadyThere);
    }

    private static async Task<string?> FirstTagAsync(DeployTarget target, string repository, string digest, CancellationToken cancellationToken)
    {
        var described = await target.Apis.Ecr.DescribeImagesAsync(new DescribeImagesRequest
        {
            RegistryId = target.Environment.Account,
            RepositoryName = repository,
            ImageIds = [new ImageIdentifier { ImageDigest = digest }],
        }, cancellationToken);
        return described.ImageDetails.Head()?.ImageTags.Head();
    }

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;
}

using Fargo.Aws;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Deploy.Deploying;
using Fargo.Deploy.Images;
using Fargo.Deploy.Images.Registry;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Operations;

/// <summary>How the image got into the second environment's repository.</summary>
public enum PromoteMethod
{
    /// <summary>It was already there under the tag: nothing was copied.</summary>
    AlreadyThere,

    /// <summary>Both environments use one repository of one registry: the digest is already present there.</summary>
    SameRepository,

    /// <summary>One registry, another repository (or a new tag): BatchGetImage then PutImage, manifest and media type preserved.</summary>
    PutImage,

    /// <summary>Another registry (account, region or local engine): manifest and blobs copied through the Registry HTTP API.</summary>
    RegistryCopy,
}

/// <summary>What `fargo promote` did.</summary>
/// <param name="Digest">The image digest, the same in both environments.</param>
/// <param name="Source">The image in the first environment, pinned.</param>
/// <param name="Destination">The image in the second, pinned.</param>
/// <param name="Tag">The tag it carries in the second environment, if any.</param>
/// <param name="Method">How it got there.</param>
/// <param name="Forced">It is not what runs in the first environment: --force promoted it anyway.</param>
/// <param name="Copy">For <see cref="PromoteMethod.RegistryCopy"/>: what was copied.</param>
public sealed record PromoteResult(string Digest, string Source, string Destination, string? Tag, PromoteMethod Method, bool Forced, CopyReport? Copy = null)
{
    /// <summary>Nothing had to be copied: the second environment's repository already had the digest (and the tag).</summary>
    public bool AlreadyThere => Method is PromoteMethod.AlreadyThere or PromoteMethod.SameRepository;
}

/// <summary>The inputs of a promote besides the two environments.</summary>
/// <param name="Version">The version (tag) to promote; null for what runs in the first environment.</param>
/// <param name="Force">Promote the version even when it is not what runs in the first environment (or nothing runs there).</param>
/// <param name="RegistryHandler">The HTTP handler of the Registry API clients; null for the default (tests substitute one).</param>
public sealed record PromoteOptions(string? Version = null, bool Force = false, HttpMessageHandler? RegistryHandler = null);

/// <summary>
/// `fargo promote --from E1 --to E2 [--version V] [--force]`: the very image digest that runs in E1 goes into E2's
/// repository, no rebuild. Within one registry (same account and region, or one local engine) the manifest is copied
/// with BatchGetImage and PutImage, media type preserved; across registries (accounts, regions, or two local engines)
/// the manifest and its blobs are copied through the Docker Registry HTTP API with ECR's auth, and the destination's
/// digest must equal the source's. Refuses what does not run in E1, unless forced.
/// </summary>
public static class Promoter
{
    public static async Task<PromoteResult> PromoteAsync(DeployTarget from, DeployTarget to, PromoteOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(from);
        ArgumentNullException.ThrowIfNull(to);
        ArgumentNullException.ThrowIfNull(options);
        var version = options.Version?.Trim() is { Length: > 0 } v ? v : null;
        var (source, forced) = await ChooseSourceAsync(from, version, options.Force, cancellationToken);

        var fromRepository = source.Repository;
        var toRepository = to.Spec.Repository ?? fromRepository;
        await RequireRepositoryAsync(to, toRepository, cancellationToken);
        var tag = version ?? await FirstTagAsync(from, fromRepository, source.Digest, cancellationToken);
        var destination = $"{ImageResolver.RepositoryUri(to.Environment, toRepository)}@{source.Digest}";

        var fromRegistry = RegistryEndpoints.Of(from);
        var toRegistry = RegistryEndpoints.Of(to);
        var sameRegistry = RegistryEndpoints.Same(fromRegistry, toRegistry)
            && from.Environment.Account == to.Environment.Account && from.Environment.Region == to.Environment.Region;
        if (sameRegistry && fromRepository == toRepository)
        {
            // One repository serves both environments: the digest is there by definition; nothing to copy or tag.
            return new PromoteResult(source.Digest, source.Uri, destination, tag, PromoteMethod.SameRepository, forced);
        }

        var existingTags = await TagsOfAsync(to, toRepository, source.Digest, cancellationToken);
        if (existingTags is not null && (tag is null || existingTags.Contains(tag)))
        {
            return new PromoteResult(source.Digest, source.Uri, destination, tag, PromoteMethod.AlreadyThere, forced);
        }

        if (sameRegistry)
        {
            await PutImageAsync(from, fromRepository, to, toRepository, source, tag, cancellationToken);
            return new PromoteResult(source.Digest, source.Uri, destination, tag, PromoteMethod.PutImage, forced);
        }

        var copy = await CopyAcrossRegistriesAsync(from, fromRegistry, fromRepository, to, toRegistry, toRepository, source.Digest, tag, options.RegistryHandler, cancellationToken);
        if (await TagsOfAsync(to, toRepository, source.Digest, cancellationToken) is not { } tags || (tag is not null && !tags.Contains(tag)))
        {
            throw new DeployException(
                $"The registry of {to.Environment.Describe()} accepted the image, but ECR does not list {source.Digest}{(tag is null ? "" : $" as {tag}")} in {toRepository}.",
                "Run the promote again; it copies only what is missing.");
        }

        return new PromoteResult(source.Digest, source.Uri, destination, tag, PromoteMethod.RegistryCopy, forced, copy);
    }

    /// <summary>The image to promote: what runs in <paramref name="from"/>, or the version asked for, which must be the same unless forced.</summary>
    private static async Task<(ResolvedImage Image, bool Forced)> ChooseSourceAsync(DeployTarget from, string? version, bool force, CancellationToken cancellationToken)
    {
        var running = await RunningImageAsync(from, cancellationToken);
        if (running.Image is null)
        {
            if (version is null || !force)
            {
                throw new DeployException(
                    $"Nothing to promote: {running.Why}. Only an image that runs in {from.Environment.Name} gets promoted.",
                    version is null
                        ? $"Deploy to {from.Environment.Name} first (fargo deploy --env {from.Environment.Name} --version V)."
                        : $"Deploy {version} to {from.Environment.Name} first, or pass --force to promote it anyway.");
            }

            return (await ImageResolver.ResolveVersionAsync(from, version, cancellationToken), true);
        }

        var runningImage = await ImageResolver.ResolveUriAsync(from, running.Image, cancellationToken);
        if (version is null)
        {
            return (runningImage, false);
        }

        var asked = await ImageResolver.ResolveVersionAsync(from, version, cancellationToken);
        if (asked.Digest == runningImage.Digest)
        {
            return (asked, false);
        }

        if (!force)
        {
            throw new DeployException(
                $"Version {version} ({Short(asked.Digest)}) is not what runs in {from.Environment.Name} ({Short(runningImage.Digest)}{(runningImage.Tag is null ? "" : ", " + runningImage.Tag)}): only what ran there gets promoted.",
                $"Deploy {version} to {from.Environment.Name} first, or pass --force to promote it anyway.");
        }

        return (asked, true);
    }

    /// <summary>The image the service's primary deployment runs, or why there is none.</summary>
    private static async Task<(string? Image, string Why)> RunningImageAsync(DeployTarget from, CancellationToken cancellationToken)
    {
        Service service;
        try
        {
            service = await ServiceLookup.RequireAsync(from, cancellationToken);
        }
        catch (DeployException e) when (e is not DeployUsageException)
        {
            return (null, e.Message.TrimEnd('.'));
        }

        if (service.RunningCount == 0)
        {
            return (null, $"the service {from.Spec.Service} has no running task in {from.Environment.Name}");
        }

        var image = await ServiceStatusReader.ImageOfAsync(from, Deployer.PrimaryOf(service)?.TaskDefinition ?? service.TaskDefinition, cancellationToken);
        return image is null ? (null, $"the service {from.Spec.Service} in {from.Environment.Name} has no image") : (image, "");
    }

    private static async Task RequireRepositoryAsync(DeployTarget to, string repository, CancellationToken cancellationToken)
    {
        try
        {
            await to.Apis.Ecr.DescribeRepositoriesAsync(
                new DescribeRepositoriesRequest { RegistryId = to.Environment.Account, RepositoryNames = [repository] }, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Code == "RepositoryNotFoundException")
        {
            throw new DeployException(
                $"The repository {repository} does not exist on {to.Environment.Describe()}, so there is nowhere to promote the image to.",
                to.Environment.IsLocal
                    ? $"Create it first: `aws ecr create-repository --repository-name {repository}` against the local region (see `fargo local env`), or `fargo up --env {to.Environment.Name}` once."
                    : $"Create it with the service's infrastructure first: fargo infra up --env {to.Environment.Name} (the service stack creates the repository).",
                e);
        }
    }

    /// <summary>The tags of the digest in a repository; null when the repository does not have it.</summary>
    private static async Task<IReadOnlyList<string>?> TagsOfAsync(DeployTarget target, string repository, string digest, CancellationToken cancellationToken)
    {
        try
        {
            var described = await target.Apis.Ecr.DescribeImagesAsync(new DescribeImagesRequest
            {
                RegistryId = target.Environment.Account,
                RepositoryName = repository,
                ImageIds = [new ImageIdentifier { ImageDigest = digest }],
            }, cancellationToken);
            return described.ImageDetails?.FirstOrDefault(d => d.ImageDigest == digest) is { } detail ? detail.ImageTags ?? [] : null;
        }
        catch (AwsServiceException e) when (e.Code == "ImageNotFoundException")
        {
            return null;
        }
    }

    private static async Task PutImageAsync(DeployTarget from, string fromRepository, DeployTarget to, string toRepository, ResolvedImage source, string? tag, CancellationToken cancellationToken)
    {
        var batch = await from.Apis.Ecr.BatchGetImageAsync(new BatchGetImageRequest
        {
            RegistryId = from.Environment.Account,
            RepositoryName = fromRepository,
            ImageIds = [new ImageIdentifier { ImageDigest = source.Digest }],
            AcceptedMediaTypes = [.. ManifestReferences.Accepted.Append(source.MediaType ?? ManifestReferences.DockerManifest).Distinct()],
        }, cancellationToken);
        var manifest = batch.Images?.FirstOrDefault(i => i.ImageManifest is not null)
            ?? throw new DeployException($"The registry returned no manifest for {source.Uri}: {string.Join("; ", (batch.Failures ?? []).Select(f => f.FailureReason))}");
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
            // Raced with another promote of the same image: it is there, which is what was wanted.
        }
        catch (AwsServiceException e) when (e.Code == "ImageTagAlreadyExistsException")
        {
            throw new DeployException(
                $"The tag {tag} already names another image in {toRepository} on {to.Environment.Describe()}, and the repository's tags are immutable.",
                "Promote under a new version.", e);
        }
    }

    private static async Task<CopyReport> CopyAcrossRegistriesAsync(
        DeployTarget from,
        Uri fromRegistry,
        string fromRepository,
        DeployTarget to,
        Uri toRegistry,
        string toRepository,
        string digest,
        string? tag,
        HttpMessageHandler? handler,
        CancellationToken cancellationToken)
    {
        using var source = new RegistryClient(fromRegistry, await CredentialsAsync(from, cancellationToken), handler);
        using var destination = new RegistryClient(toRegistry, await CredentialsAsync(to, cancellationToken), handler);
        try
        {
            return await ImageCopier.CopyAsync(source, fromRepository, destination, toRepository, digest, tag, cancellationToken);
        }
        catch (RegistryException e) when (e.Code == "TAG_INVALID" || e.Message.Contains("ImageTagAlreadyExists", StringComparison.Ordinal))
        {
            throw new DeployException(
                $"The tag {tag} already names another image in {toRepository} on {to.Environment.Describe()}, and the repository's tags are immutable.",
                "Promote under a new version.", e);
        }
    }

    /// <summary>An ECR authorization token of the environment, as Basic credentials for its registry.</summary>
    private static async Task<RegistryCredentials> CredentialsAsync(DeployTarget target, CancellationToken cancellationToken)
    {
        var response = await target.Apis.Ecr.GetAuthorizationTokenAsync(new GetAuthorizationTokenRequest(), cancellationToken);
        var token = response.AuthorizationData.Head()?.AuthorizationToken
            ?? throw new DeployException($"ECR on {target.Environment.Describe()} returned no authorization token.");
        return RegistryCredentials.FromEcrToken(token);
    }

    private static async Task<string?> FirstTagAsync(DeployTarget target, string repository, string digest, CancellationToken cancellationToken) =>
        (await TagsOfAsync(target, repository, digest, cancellationToken))?.Head();

    private static string Short(string digest) => digest.Length > 19 ? digest[..19] : digest;
}

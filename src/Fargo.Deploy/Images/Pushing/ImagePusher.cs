using Fargo.Aws;
using Fargo.Aws.Ecr;
using Fargo.Deploy.Images.Building;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Images.Pushing;

/// <summary>A pushed image: its tag and the digest the registry holds for it (what a deploy and a promote pin).</summary>
/// <param name="Image">REGISTRY/REPOSITORY:VERSION.</param>
/// <param name="PinnedImage">REGISTRY/REPOSITORY@sha256:….</param>
/// <param name="RepositoryCreated">The repository did not exist and was created by this push.</param>
public sealed record PushedImage(string Image, string Repository, string Version, string Digest, string PinnedImage, string? MediaType, bool RepositoryCreated);

/// <summary>
/// `fargo push`: makes sure the repository exists, logs in to ECR through a temporary Docker configuration, pushes, and
/// reads the pushed digest back from ECR (DescribeImages by tag, rather than the push's own output).
/// </summary>
public static class ImagePusher
{
    public static async Task<PushedImage> PushAsync(
        DeployTarget target,
        ImageBuildRequest request,
        ContainerEngine? engine,
        IProgress<ProcessCommand>? starting,
        IProgress<string>? output,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(request);
        var account = target.Environment.Account;
        var ecr = target.Apis.Ecr;
        var created = await EcrRepositories.EnsureAsync(ecr, account, request.Repository, cancellationToken);
        var login = await EcrLogin.GetAsync(ecr, request.RegistryHost, cancellationToken);
        using (var config = TemporaryDockerConfig.Create(login))
        {
            foreach (var command in ImageBuildCommands.Push(request, engine, config.Directory))
            {
                starting?.Report(command);
                await ProcessRunner.RunAsync(
                    command,
                    WorkingDirectory(request),
                    output,
                    engine is null
                        ? "Check the project publishes (fargo build), and that the credentials may push to the repository."
                        : $"Build the image first (fargo build --env {target.Environment.Name} --version {request.Version}). The repository's tags are immutable: a version already pushed cannot be pushed again with other content.",
                    cancellationToken);
            }
        }

        var digest = await DigestAsync(target, request, cancellationToken);
        return new PushedImage(
            request.Image,
            request.Repository,
            request.Version,
            digest.Digest,
            $"{request.RegistryHost}/{request.Repository}@{digest.Digest}",
            digest.MediaType,
            created);
    }

    private static async Task<(string Digest, string? MediaType)> DigestAsync(DeployTarget target, ImageBuildRequest request, CancellationToken cancellationToken)
    {
        try
        {
            var described = await target.Apis.Ecr.DescribeImagesAsync(
                new DescribeImagesRequest
                {
                    RegistryId = target.Environment.Account,
                    RepositoryName = request.Repository,
                    ImageIds = [new ImageIdentifier { ImageTag = request.Version }],
                },
                cancellationToken);
            if (described.ImageDetails?.FirstOrDefault(d => d.ImageDigest is not null) is { } detail)
            {
                return (detail.ImageDigest!, detail.ImageManifestMediaType);
            }
        }
        catch (AwsServiceException e) when (e.Code is "ImageNotFoundException" or "RepositoryNotFoundException")
        {
            // Reported below.
        }

        throw new DeployException(
            $"The push of {request.Image} finished, but {target.Environment.Describe()} has no image tagged {request.Version} in {request.Repository}.",
            "Run the push again with --verbose to see what the container engine did.");
    }

    private static string WorkingDirectory(ImageBuildRequest request) => request.Source switch
    {
        DockerfileSource dockerfile => dockerfile.Context,
        DotnetProjectSource project => Path.GetDirectoryName(project.Project)!,
        _ => Path.GetTempPath(),
    };
}

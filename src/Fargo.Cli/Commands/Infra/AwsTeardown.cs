using Fargo.Aws;
using Fargo.Aws.Ecr;
using Fargo.Cli.Errors;
using Fargo.Infrastructure.Toolkit;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// What `fargo infra down` does in AWS before the toolkit deletes the stacks (Fargo.Infrastructure decides what,
/// this does it): reads the stacks' outputs, empties versioned buckets, deletes the repository's images. Records
/// what it emptied, for the command's report.
/// </summary>
internal sealed class AwsTeardown(InfraAwsSession session) : IInfrastructureTeardown, IDisposable
{
    // BatchDeleteImage takes at most 100 image ids per call.
    private const int ImageBatch = 100;

    private readonly S3BucketEmptier _s3 = new(session.Options);

    public List<EmptiedResource> Emptied { get; } = [];

    public async Task<IReadOnlyDictionary<string, string>?> GetStackOutputsAsync(string stackName, string region, CancellationToken cancellationToken)
    {
        CheckRegion(region);
        var stack = await session.DescribeStackAsync(stackName, cancellationToken);
        return stack is null
            ? null
            : (stack.Outputs ?? []).Where(o => o.OutputKey is not null).ToDictionary(o => o.OutputKey!, o => o.OutputValue ?? "", StringComparer.Ordinal);
    }

    public async Task EmptyBucketAsync(string bucketName, string region, CancellationToken cancellationToken)
    {
        CheckRegion(region);
        var count = await _s3.EmptyAsync(bucketName, cancellationToken);
        Emptied.Add(new EmptiedResource("bucket", bucketName, count));
    }

    public async Task DeleteAllImagesAsync(string repositoryName, string region, CancellationToken cancellationToken)
    {
        CheckRegion(region);
        var remaining = await ListImagesAsync(repositoryName, cancellationToken);
        var deleted = 0;
        // An image index (multi-platform) must go before the images it lists: what is refused for that reason is
        // tried again once the rest is gone.
        for (var round = 0; remaining.Count > 0; round++)
        {
            var refused = new List<ImageIdentifier>();
            var failures = new List<ImageFailure>();
            foreach (var batch in remaining.Chunk(ImageBatch))
            {
                var response = await session.Ecr.BatchDeleteImageAsync(new BatchDeleteImageRequest { RepositoryName = repositoryName, ImageIds = batch }, cancellationToken);
                deleted += response.ImageIds?.Count ?? 0;
                foreach (var failure in response.Failures ?? [])
                {
                    if (failure.FailureCode == ImageFailureCode.ImageReferencedByManifestList && failure.ImageId is { } id)
                    {
                        refused.Add(id);
                    }
                    else if (failure.FailureCode != ImageFailureCode.ImageNotFound)
                    {
                        failures.Add(failure);
                    }
                }
            }

            if (failures.Count > 0 || (refused.Count > 0 && refused.Count == remaining.Count) || round > 10)
            {
                var first = failures.FirstOrDefault();
                throw new OperationFailedException(
                    $"ECR refused to delete {failures.Count + refused.Count} image(s) of repository {repositoryName}" +
                    (first is null ? "." : $", e.g. {first.ImageId?.ImageDigest}: {first.FailureCode}: {first.FailureReason}.") +
                    " Nothing was deleted from CloudFormation.");
            }

            remaining = refused;
        }

        Emptied.Add(new EmptiedResource("repository", repositoryName, deleted));
    }

    private async Task<List<ImageIdentifier>> ListImagesAsync(string repositoryName, CancellationToken cancellationToken)
    {
        var images = new List<ImageIdentifier>();
        try
        {
            await foreach (var page in session.Ecr.DescribeImagesPagesAsync(new DescribeImagesRequest { RepositoryName = repositoryName }, cancellationToken))
            {
                images.AddRange((page.ImageDetails ?? []).Where(i => i.ImageDigest is not null).Select(i => new ImageIdentifier { ImageDigest = i.ImageDigest }));
            }
        }
        catch (AwsServiceException e) when (e.Code == "RepositoryNotFoundException")
        {
            // Gone already: nothing to delete.
        }

        return images;
    }

    private void CheckRegion(string region)
    {
        if (!string.Equals(region, session.Environment.Region, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The teardown of {session.Environment.Name} works in {session.Environment.Region}, not {region}.");
        }
    }

    public void Dispose() => _s3.Dispose();
}

/// <summary>A bucket emptied or a repository cleared by `infra down`, and how many versions or images went.</summary>
internal sealed record EmptiedResource(string Kind, string Name, int Deleted);

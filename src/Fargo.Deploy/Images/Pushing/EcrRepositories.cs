using Fargo.Aws;
using Fargo.Aws.Ecr;
using Fargo.Deploy.Aws;

namespace Fargo.Deploy.Images.Pushing;

/// <summary>
/// Creates the service's repository when it is missing, as the service stack would: scan on push, immutable tags (a
/// version, once pushed, always names the same digest).
/// </summary>
public static class EcrRepositories
{
    /// <summary>True when the repository was created now, false when it existed.</summary>
    public static async Task<bool> EnsureAsync(IEcrApi ecr, string registryId, string repository, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ecr);
        try
        {
            await ecr.DescribeRepositoriesAsync(new DescribeRepositoriesRequest { RegistryId = registryId, RepositoryNames = [repository] }, cancellationToken);
            return false;
        }
        catch (AwsServiceException e) when (e.Code == "RepositoryNotFoundException")
        {
            // Missing: created below.
        }

        try
        {
            await ecr.CreateRepositoryAsync(
                new CreateRepositoryRequest
                {
                    RegistryId = registryId,
                    RepositoryName = repository,
                    ImageTagMutability = ImageTagMutability.Immutable,
                    ImageScanningConfiguration = new ImageScanningConfiguration { ScanOnPush = true },
                },
                cancellationToken);
            return true;
        }
        catch (AwsServiceException e) when (e.Code == "RepositoryAlreadyExistsException")
        {
            return false; // Created in the meantime by someone else.
        }
    }
}

using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Fargo.Aws;
using Fargo.Aws.Credentials;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Http;
using Fargo.Cli.Errors;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// Empties a versioned bucket so that CloudFormation can delete it: every object version and every delete marker,
/// listed with ListObjectVersions and deleted with DeleteObjects, 1000 at a time (S3's limit per request). Through
/// AWSSDK.S3 (Fargo.Aws has no S3 wire), with Fargo's own credentials and endpoint resolution.
/// </summary>
internal sealed class S3BucketEmptier : IDisposable
{
    /// <summary>S3 for Fargo.Aws's endpoint resolution: AWS_ENDPOINT_URL_S3, the profile's [services] s3 section, and the rest.</summary>
    internal static AwsServiceDescription S3 { get; } = new("S3", "s3", "s3", AwsProtocol.Query, null, "2006-03-01", "S3", "http://s3.amazonaws.com/doc/2006-03-01/");

    private const int DeleteBatch = 1000;

    private readonly AmazonS3Client _client;

    public S3BucketEmptier(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var config = new AmazonS3Config { RegionEndpoint = RegionEndpoint.GetBySystemName(options.Region) };
        var endpoint = options.Endpoints.Resolve(S3, options.Region);
        if (endpoint.Source != AwsEndpointSource.Default)
        {
            // A configured endpoint (an S3-compatible server, a proxy): path-style, as the AWS CLI does for custom URLs.
            config.ServiceURL = endpoint.Url.ToString();
            config.AuthenticationRegion = options.Region;
            config.ForcePathStyle = true;
        }

        if (options.Handler is { } handler)
        {
            config.HttpClientFactory = new HandlerClientFactory(handler);
        }

        _client = new AmazonS3Client(new ProviderCredentials(options.Credentials), config);
    }

    /// <summary>Deletes every version and delete marker; returns how many. A bucket that no longer exists is empty.</summary>
    public async Task<int> EmptyAsync(string bucket, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(bucket);
        var deleted = 0;
        var request = new ListVersionsRequest { BucketName = bucket };
        try
        {
            while (true)
            {
                var page = await _client.ListVersionsAsync(request, cancellationToken);
                // Delete markers come in the same list (IsDeleteMarker); each is removed by its version id too.
                var versions = (page.Versions ?? []).Select(v => new KeyVersion { Key = v.Key, VersionId = v.VersionId }).ToList();
                foreach (var batch in versions.Chunk(DeleteBatch))
                {
                    await DeleteAsync(bucket, batch, cancellationToken);
                    deleted += batch.Length;
                }

                if (page.IsTruncated != true)
                {
                    return deleted;
                }

                request = new ListVersionsRequest { BucketName = bucket, KeyMarker = page.NextKeyMarker, VersionIdMarker = page.NextVersionIdMarker };
            }
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchBucket")
        {
            return deleted;
        }
        catch (AmazonS3Exception e)
        {
            throw new OperationFailedException(
                $"Could not empty bucket {bucket}: {e.ErrorCode}: {e.Message}. Nothing was deleted from CloudFormation.",
                e.ErrorCode == "AccessDenied" ? "The credentials need s3:ListBucketVersions and s3:DeleteObjectVersion on the bucket." : null);
        }
    }

    private async Task DeleteAsync(string bucket, KeyVersion[] batch, CancellationToken cancellationToken)
    {
        try
        {
            await _client.DeleteObjectsAsync(new DeleteObjectsRequest { BucketName = bucket, Objects = [.. batch], Quiet = true }, cancellationToken);
        }
        catch (DeleteObjectsException e)
        {
            var errors = e.Response.DeleteErrors ?? [];
            var first = errors.FirstOrDefault();
            throw new OperationFailedException(
                $"S3 refused to delete {errors.Count} object version(s) of bucket {bucket}" +
                (first is null ? "." : $", e.g. {first.Key} ({first.VersionId}): {first.Code}: {first.Message}.") +
                " Nothing was deleted from CloudFormation.");
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Fargo's credential provider (profiles, SSO, roles… resolved by Fargo.Aws) as the SDK's credentials.</summary>
    private sealed class ProviderCredentials(IAwsCredentialsProvider provider) : AWSCredentials
    {
        public override ImmutableCredentials GetCredentials() => GetCredentialsAsync().GetAwaiter().GetResult();

        public override async Task<ImmutableCredentials> GetCredentialsAsync()
        {
            var credentials = await provider.GetCredentialsAsync(CancellationToken.None);
            return new ImmutableCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken);
        }
    }

    /// <summary>The handler given in the options (tests answer S3 with it), without handing over its ownership.</summary>
    private sealed class HandlerClientFactory(HttpMessageHandler handler) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(handler, disposeHandler: false);

        public override bool UseSDKHttpClientCaching(IClientConfig clientConfig) => false;

        public override bool DisposeHttpClientsAfterUse(IClientConfig clientConfig) => true;
    }
}

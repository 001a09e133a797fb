using Fargo.Aws;
using Fargo.Aws.Credentials;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Http;
using Fargo.Aws.Sts;
using Fargo.Deploy.Aws;

namespace Fargo.Deploy.Targets;

/// <summary>
/// Connects to an environment: the local region through its own endpoint and key (started on demand), an AWS
/// environment through the default credential chain (or --profile) in the environment's region, after checking with
/// STS that the credentials belong to the environment's account; a [pipeline] stage on the local region through its
/// endpoint with the caller's credentials, checked the same way (<see cref="TargetEnvironment.UsesCallerCredentials"/>).
/// </summary>
public sealed class TargetResolver(ILocalRegion localRegion, IAwsEnvironment awsEnvironment, string? profile)
{
    /// <summary>
    /// Opens clients for <paramref name="environment"/>. The returned session owns them: dispose it when done.
    /// Throws <see cref="WrongAccountException"/> before anything is changed when the credentials are another account's.
    /// </summary>
    public async Task<TargetSession> ConnectAsync(TargetEnvironment environment, ServiceSpec spec, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(spec);
        AwsClientOptions options;
        Uri? localEndpoint = null;
        if (environment.IsLocal)
        {
            var access = await localRegion.EnsureRunningAsync(cancellationToken);
            localEndpoint = access.Endpoint;
            options = environment.UsesCallerCredentials ? CallerOptionsOnLocalRegion(environment, access.Endpoint) : LocalOptions(access);
        }
        else
        {
            options = AwsClientOptions.FromEnvironment(awsEnvironment, profile, environment.Region);
        }

        var apis = new AwsServiceApis(options);
        try
        {
            if (environment.UsesCallerCredentials)
            {
                await CheckLocalRegionCallerAsync(apis.Apis.Sts, environment, cancellationToken);
            }
            else if (!environment.IsLocal)
            {
                await CheckAccountAsync(apis.Apis.Sts, environment, cancellationToken);
            }

            return new TargetSession(
                new DeployTarget(environment, spec, apis.Apis)
                {
                    LocalRegionEndpoint = localEndpoint,
                    CallerCredentials = environment.UsesCallerCredentials ? options.Credentials : null,
                },
                apis);
        }
        catch
        {
            apis.Dispose();
            throw;
        }
    }

    /// <summary>The client options for the local region: its endpoint and its key.</summary>
    public static AwsClientOptions LocalOptions(LocalRegionAccess access)
    {
        ArgumentNullException.ThrowIfNull(access);
        return new AwsClientOptions
        {
            Region = TargetEnvironment.LocalRegion,
            Credentials = new StaticAwsCredentialsProvider(new AwsCredentials(access.AccessKeyId, access.SecretAccessKey)),
            Endpoints = AwsEndpointResolver.Fixed(access.Endpoint),
            UserAgent = "fargo",
        };
    }

    /// <summary>
    /// A [pipeline] stage on the local region: the caller's credentials (as for an AWS environment: environment variables,
    /// --profile, the default chain) sent to the local region's endpoint, so that its roles authorize every call.
    /// </summary>
    private AwsClientOptions CallerOptionsOnLocalRegion(TargetEnvironment environment, Uri endpoint)
    {
        try
        {
            var options = AwsClientOptions.FromEnvironment(awsEnvironment, profile, environment.Region, endpoint);
            return options with { Endpoints = AwsEndpointResolver.Fixed(endpoint), UserAgent = "fargo" };
        }
        catch (AwsCredentialsException e)
        {
            throw new DeployUsageException(
                $"Environment '{environment.Name}' is a [pipeline] stage on the local region, which is reached with your credentials as an AWS account would be, and none were found: {e.Message} Nothing was changed.",
                LocalStageCredentialsHint);
        }
    }

    private const string LocalStageCredentialsHint =
        "In the pipeline: the deploy role's session (aws sts assume-role-with-web-identity with a token of `fargo local oidc-token`). " +
        "As the account's administrator (e.g. `fargo infra up --oidc`): eval \"$(fargo local env)\" sets the local region's own keys.";

    /// <summary>Refuses credentials the local region does not know (e.g. a real AWS account's), before anything is changed.</summary>
    private static async Task CheckLocalRegionCallerAsync(IStsApi sts, TargetEnvironment environment, CancellationToken cancellationToken)
    {
        try
        {
            await CheckAccountAsync(sts, environment, cancellationToken);
        }
        catch (AwsServiceException e) when (e.Code is "InvalidClientTokenId" or "UnrecognizedClientException" or "SignatureDoesNotMatch" or "ExpiredToken" or "ExpiredTokenException")
        {
            throw new DeployUsageException(
                $"Environment '{environment.Name}' is a [pipeline] stage on the local region, and the local region does not accept the credentials in use ({e.Code}: {e.Message}). Nothing was changed.",
                LocalStageCredentialsHint);
        }
    }

    /// <summary>Refuses credentials of another account than the environment's.</summary>
    public static async Task CheckAccountAsync(IStsApi sts, TargetEnvironment environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sts);
        ArgumentNullException.ThrowIfNull(environment);
        var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), cancellationToken);
        if (!string.Equals(identity.Account, environment.Account, StringComparison.Ordinal))
        {
            throw new WrongAccountException(environment.Name, environment.Account, identity.Account ?? "(unknown)", identity.Arn);
        }
    }
}

/// <summary>An open connection to an environment; disposing it releases the clients.</summary>
public sealed class TargetSession(DeployTarget target, IDisposable owner) : IDisposable
{
    public DeployTarget Target { get; } = target;

    public void Dispose() => owner.Dispose();
}

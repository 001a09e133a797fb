using Fargo.Aws;
using Fargo.Aws.Credentials;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Http;
using Fargo.Local.Home;

namespace Fargo.Local.Client;

/// <summary>A running local region: where it listens, which process it is, and the credentials it accepts.</summary>
public sealed record LocalRegionConnection(Uri Endpoint, int ProcessId, LocalCredentials Credentials, FargoHome Home)
{
    /// <summary>Fargo.Aws client options that talk to this region (every service at the one endpoint).</summary>
    public AwsClientOptions ClientOptions(HttpMessageHandler? handler = null) => new()
    {
        Region = LocalRegionConstants.Region,
        Credentials = new StaticAwsCredentialsProvider(new AwsCredentials(Credentials.AccessKeyId, Credentials.SecretAccessKey)),
        Endpoints = new AwsEndpointResolver(AwsEnvironment.Fixed(new Dictionary<string, string>(), Home.Root), AwsSharedConfig.Empty, null, Endpoint),
        Handler = handler,
    };

    /// <summary>
    /// The environment variables the AWS CLI and SDKs need to use this region. Holds the secret key: shown
    /// only when the user asks for it (`fargo local env`).
    /// </summary>
    public IReadOnlyList<KeyValuePair<string, string>> EnvironmentVariables() =>
    [
        new("AWS_ACCESS_KEY_ID", Credentials.AccessKeyId),
        new("AWS_SECRET_ACCESS_KEY", Credentials.SecretAccessKey),
        new("AWS_REGION", LocalRegionConstants.Region),
        new("AWS_DEFAULT_REGION", LocalRegionConstants.Region),
        new("AWS_ENDPOINT_URL", Endpoint.ToString().TrimEnd('/')),
    ];
}

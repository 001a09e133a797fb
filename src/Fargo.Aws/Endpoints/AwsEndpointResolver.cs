using System.Text.RegularExpressions;

namespace Fargo.Aws.Endpoints;

/// <summary>Gives the base URL of a service in a region.</summary>
public interface IAwsEndpointResolver
{
    AwsResolvedEndpoint Resolve(AwsServiceDescription service, string region);
}

/// <summary>Where an endpoint came from, so <c>--verbose</c> output and errors can say why a URL was used.</summary>
public enum AwsEndpointSource
{
    /// <summary>Given explicitly (an <c>--endpoint-url</c> option, or the local region).</summary>
    Explicit,

    /// <summary>AWS_ENDPOINT_URL_&lt;SERVICE&gt;.</summary>
    ServiceEnvironmentVariable,

    /// <summary>AWS_ENDPOINT_URL.</summary>
    GlobalEnvironmentVariable,

    /// <summary><c>endpoint_url</c> under the service in the profile's <c>[services NAME]</c> section.</summary>
    ServiceConfiguration,

    /// <summary>The profile's own <c>endpoint_url</c>.</summary>
    GlobalConfiguration,

    /// <summary>AWS's public endpoint for the service and region.</summary>
    Default,
}

/// <param name="Url">Where requests go.</param>
/// <param name="Source">Where the URL came from.</param>
/// <param name="SigningRegion">
/// The region the SigV4 scope names when it is not the client's: a global service's public endpoint (IAM's is signed for
/// us-east-1 in the aws partition). Null: the client's region, as for every configured endpoint (botocore's rule sets give
/// a configured endpoint no signing region of its own).
/// </param>
public sealed record AwsResolvedEndpoint(Uri Url, AwsEndpointSource Source, string? SigningRegion = null);

/// <summary>
/// Resolves endpoints the way AWS CLI v2 and the SDKs do: an explicit URL, else (unless
/// AWS_IGNORE_CONFIGURED_ENDPOINT_URLS or the profile's <c>ignore_configured_endpoint_urls</c> is true)
/// AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, the profile's services section, the profile's
/// <c>endpoint_url</c>; else https://{prefix}.{region}.amazonaws.com (.amazonaws.com.cn in China regions).
/// </summary>
public sealed partial class AwsEndpointResolver : IAwsEndpointResolver
{
    private readonly IAwsEnvironment _environment;
    private readonly AwsSharedConfig _config;
    private readonly string _profile;
    private readonly Uri? _explicitEndpoint;

    /// <param name="environment">Environment variables.</param>
    /// <param name="config">The shared config files.</param>
    /// <param name="profile">The profile asked for (<c>--profile</c>), or null for AWS_PROFILE / "default".</param>
    /// <param name="explicitEndpoint">An endpoint that overrides everything, for every service (<c>--endpoint-url</c>).</param>
    public AwsEndpointResolver(IAwsEnvironment environment, AwsSharedConfig config, string? profile = null, Uri? explicitEndpoint = null)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(config);
        _environment = environment;
        _config = config;
        _profile = AwsSharedConfig.SelectProfileName(environment, profile);
        _explicitEndpoint = explicitEndpoint;
    }

    /// <summary>A resolver over the environment and its shared config files.</summary>
    public static AwsEndpointResolver FromEnvironment(IAwsEnvironment environment, string? profile = null, Uri? explicitEndpoint = null) =>
        new(environment, AwsSharedConfig.Load(environment), profile, explicitEndpoint);

    /// <summary>AWS's public endpoints, with no overrides from anywhere.</summary>
    public static IAwsEndpointResolver PublicEndpoints { get; } = new PublicResolver();

    /// <summary>A resolver that always answers <paramref name="endpoint"/>, e.g. the local region's.</summary>
    public static IAwsEndpointResolver Fixed(Uri endpoint) => new FixedResolver(endpoint);

    public AwsResolvedEndpoint Resolve(AwsServiceDescription service, string region)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (_explicitEndpoint is not null)
        {
            return new(_explicitEndpoint, AwsEndpointSource.Explicit);
        }
        var profile = _config.GetProfile(_profile);
        if (!IgnoreConfiguredEndpoints(profile))
        {
            if (_environment.GetVariable(service.EndpointEnvironmentVariable) is { } serviceVariable)
            {
                return new(ParseUrl(serviceVariable, service.EndpointEnvironmentVariable), AwsEndpointSource.ServiceEnvironmentVariable);
            }
            if (_environment.GetVariable("AWS_ENDPOINT_URL") is { } globalVariable)
            {
                return new(ParseUrl(globalVariable, "AWS_ENDPOINT_URL"), AwsEndpointSource.GlobalEnvironmentVariable);
            }
            if (profile is not null && profile.TryGetValue("services", out var servicesSection) && servicesSection.Length > 0)
            {
                if (!_config.HasServicesSection(servicesSection))
                {
                    throw new AwsConfigurationException(
                        $"Profile '{_profile}' in {_config.ConfigFilePath} uses the services section '{servicesSection}', but there is no [services {servicesSection}] section.");
                }
                if (_config.GetServiceSettings(servicesSection, service.ConfigSectionKey) is { } settings
                    && settings.TryGetValue("endpoint_url", out var serviceUrl) && serviceUrl.Length > 0)
                {
                    return new(ParseUrl(serviceUrl, $"endpoint_url for {service.ConfigSectionKey} in [services {servicesSection}] of {_config.ConfigFilePath}"),
                        AwsEndpointSource.ServiceConfiguration);
                }
            }
            if (profile is not null && profile.TryGetValue("endpoint_url", out var profileUrl) && profileUrl.Length > 0)
            {
                return new(ParseUrl(profileUrl, $"endpoint_url of profile '{_profile}' in {_config.ConfigFilePath}"), AwsEndpointSource.GlobalConfiguration);
            }
        }
        return Default(service, region);
    }

    /// <summary>AWS's public endpoint of a service in a region, with the region a global service's requests are signed for.</summary>
    public static AwsResolvedEndpoint Default(AwsServiceDescription service, string region)
    {
        ArgumentNullException.ThrowIfNull(service);
        var url = DefaultEndpoint(service, region);
        return service.GlobalEndpoints is { } global && global.TryGetValue(Partition(region), out var endpoint)
            ? new(url, AwsEndpointSource.Default, endpoint.SigningRegion)
            : new(url, AwsEndpointSource.Default);
    }

    /// <summary>AWS's public endpoint of a service in a region.</summary>
    public static Uri DefaultEndpoint(AwsServiceDescription service, string region)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (string.IsNullOrEmpty(region) || !RegionPattern().IsMatch(region))
        {
            throw new AwsConfigurationException($"'{region}' is not a valid AWS region name (like us-east-1).");
        }
        if (service.GlobalEndpoints is { } global && global.TryGetValue(Partition(region), out var endpoint))
        {
            return new Uri($"https://{endpoint.Host}");
        }

        var domain = region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service.EndpointPrefix}.{region}.{domain}");
    }

    /// <summary>The partition of a region, as far as Fargo's endpoints tell them apart.</summary>
    private static string Partition(string region) =>
        region.StartsWith("cn-", StringComparison.Ordinal) ? "aws-cn"
        : region.StartsWith("us-gov-", StringComparison.Ordinal) ? "aws-us-gov"
        : "aws";

    private bool IgnoreConfiguredEndpoints(IReadOnlyDictionary<string, string>? profile)
    {
        // The environment variable, when set, decides; otherwise the profile's setting does.
        if (_environment.GetVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS") is { } variable)
        {
            return string.Equals(variable.Trim(), "true", StringComparison.OrdinalIgnoreCase);
        }
        return profile is not null && profile.TryGetValue("ignore_configured_endpoint_urls", out var setting)
            && string.Equals(setting.Trim(), "true", StringComparison.OrdinalIgnoreCase);
    }

    private static Uri ParseUrl(string value, string source) =>
        Uri.TryCreate(value.Trim(), UriKind.Absolute, out var url) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps)
            ? url
            : throw new AwsConfigurationException($"{source} is not an http(s) URL: '{value}'.");

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$")]
    private static partial Regex RegionPattern();

    private sealed class PublicResolver : IAwsEndpointResolver
    {
        public AwsResolvedEndpoint Resolve(AwsServiceDescription service, string region) => Default(service, region);
    }

    private sealed class FixedResolver(Uri endpoint) : IAwsEndpointResolver
    {
        public AwsResolvedEndpoint Resolve(AwsServiceDescription service, string region) => new(endpoint, AwsEndpointSource.Explicit);
    }
}

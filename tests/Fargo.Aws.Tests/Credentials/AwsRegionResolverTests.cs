using Fargo.Aws.Credentials;

namespace Fargo.Aws.Tests.Credentials;

public sealed class AwsRegionResolverTests
{
    private static readonly AwsSharedConfig Config = AwsSharedConfig.Parse("/h/.aws/config",
        "[default]\nregion = us-east-1\n[profile eu]\nregion = eu-west-1\n[profile none]\noutput = json\n", "/h/.aws/credentials", "");

    private static string? Resolve(string? explicitRegion = null, string? profile = null, params (string, string)[] variables) =>
        AwsRegionResolver.TryResolve(AwsEnvironment.Fixed(variables.ToDictionary(v => v.Item1, v => v.Item2), "/h"), Config, explicitRegion, profile);

    [Fact]
    public void The_region_comes_from_the_option_then_AWS_REGION_then_AWS_DEFAULT_REGION_then_the_profile()
    {
        Assert.Equal("ap-south-1", Resolve("ap-south-1", variables: [("AWS_REGION", "us-west-1"), ("AWS_DEFAULT_REGION", "us-west-2")]));
        Assert.Equal("us-west-1", Resolve(variables: [("AWS_REGION", "us-west-1"), ("AWS_DEFAULT_REGION", "us-west-2")]));
        Assert.Equal("us-west-2", Resolve(variables: [("AWS_DEFAULT_REGION", "us-west-2")]));
        Assert.Equal("us-east-1", Resolve());
        Assert.Equal("eu-west-1", Resolve(profile: "eu"));
        Assert.Equal("eu-west-1", Resolve(variables: [("AWS_PROFILE", "eu")]));
    }

    [Fact]
    public void Without_any_region_the_error_says_where_to_set_one()
    {
        var environment = AwsEnvironment.Fixed(new Dictionary<string, string>(), "/h");

        Assert.Null(AwsRegionResolver.TryResolve(environment, Config, profile: "none"));
        var error = Assert.Throws<AwsConfigurationException>(() => AwsRegionResolver.Resolve(environment, Config, profile: "none"));
        Assert.Contains("AWS_REGION", error.Message, StringComparison.Ordinal);
        Assert.Contains("profile 'none'", error.Message, StringComparison.Ordinal);
    }
}

public sealed class AwsClientOptionsFromEnvironmentTests : IDisposable
{
    private readonly DirectoryInfo _home = Directory.CreateTempSubdirectory("fargo-aws-options-");

    public void Dispose() => _home.Delete(recursive: true);

    [Fact]
    public async Task Options_take_profile_region_credentials_and_endpoints_from_the_environment()
    {
        Directory.CreateDirectory(Path.Combine(_home.FullName, ".aws"));
        File.WriteAllText(Path.Combine(_home.FullName, ".aws", "config"),
            "[profile local]\nregion = us-east-1\nservices = local\n[services local]\necs =\n  endpoint_url = http://127.0.0.1:4566\n");
        File.WriteAllText(Path.Combine(_home.FullName, ".aws", "credentials"), "[local]\naws_access_key_id = AKIALOCAL\naws_secret_access_key = local-secret\n");
        var environment = AwsEnvironment.Fixed(new Dictionary<string, string> { ["AWS_PROFILE"] = "local", ["AWS_EC2_METADATA_DISABLED"] = "true" }, _home.FullName);

        var options = Fargo.Aws.Http.AwsClientOptions.FromEnvironment(environment);

        Assert.Equal("us-east-1", options.Region);
        Assert.Equal("AKIALOCAL", (await options.Credentials.GetCredentialsAsync(CancellationToken.None)).AccessKeyId);
        Assert.Equal(new Uri("http://127.0.0.1:4566"), options.Endpoints.Resolve(AwsServices.Ecs, options.Region).Url);
        Assert.Equal(new Uri("https://logs.us-east-1.amazonaws.com"), options.Endpoints.Resolve(AwsServices.CloudWatchLogs, options.Region).Url);

        var overridden = Fargo.Aws.Http.AwsClientOptions.FromEnvironment(environment, region: "eu-west-1", endpointUrl: new Uri("http://127.0.0.1:9999"));
        Assert.Equal("eu-west-1", overridden.Region);
        Assert.Equal(new Uri("http://127.0.0.1:9999"), overridden.Endpoints.Resolve(AwsServices.CloudWatchLogs, overridden.Region).Url);
    }
}

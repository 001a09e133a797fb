using Fargo.Aws.Endpoints;

namespace Fargo.Aws.Tests.Endpoints;

public sealed class AwsEndpointResolverTests
{
    private const string ConfigWithServices = """
        [default]
        region = us-east-1
        services = local-region
        endpoint_url = http://profile-global:1000

        [services local-region]
        ecs =
          endpoint_url = http://services-ecs:2000
        elastic_load_balancing_v2 =
          endpoint_url = http://services-elbv2:2001

        [profile bare]
        region = eu-west-1

        [profile ignoring]
        endpoint_url = http://profile-global:1000
        ignore_configured_endpoint_urls = true

        [profile broken]
        services = nowhere
        """;

    private static AwsEndpointResolver Resolver(string config = ConfigWithServices, string? profile = null, Uri? explicitEndpoint = null, params (string, string)[] variables) =>
        new(AwsEnvironment.Fixed(variables.ToDictionary(v => v.Item1, v => v.Item2), "/home/nobody"),
            AwsSharedConfig.Parse("/home/nobody/.aws/config", config, "/home/nobody/.aws/credentials", ""),
            profile,
            explicitEndpoint);

    private static AwsResolvedEndpoint Ecs(AwsEndpointResolver resolver) => resolver.Resolve(AwsServices.Ecs, "us-east-1");

    [Theory]
    [InlineData("ECS", "us-east-1", "https://ecs.us-east-1.amazonaws.com/")]
    [InlineData("ECR", "eu-central-1", "https://api.ecr.eu-central-1.amazonaws.com/")]
    [InlineData("Elastic Load Balancing v2", "us-west-2", "https://elasticloadbalancing.us-west-2.amazonaws.com/")]
    [InlineData("CloudWatch Logs", "ap-southeast-2", "https://logs.ap-southeast-2.amazonaws.com/")]
    [InlineData("STS", "us-gov-west-1", "https://sts.us-gov-west-1.amazonaws.com/")]
    [InlineData("SSM", "cn-north-1", "https://ssm.cn-north-1.amazonaws.com.cn/")]
    [InlineData("CloudFormation", "cn-northwest-1", "https://cloudformation.cn-northwest-1.amazonaws.com.cn/")]
    public void With_nothing_configured_the_public_regional_endpoint_is_used(string serviceId, string region, string expected)
    {
        var resolved = Resolver(config: "").Resolve(AwsServices.All.Single(s => s.ServiceId == serviceId), region);

        Assert.Equal(new AwsResolvedEndpoint(new Uri(expected), AwsEndpointSource.Default), resolved);
    }

    [Theory]
    [InlineData("us-east-1", "https://iam.amazonaws.com/", "us-east-1")]
    [InlineData("eu-west-1", "https://iam.amazonaws.com/", "us-east-1")]
    [InlineData("cn-northwest-1", "https://iam.cn-north-1.amazonaws.com.cn/", "cn-north-1")]
    [InlineData("us-gov-east-1", "https://iam.us-gov.amazonaws.com/", "us-gov-west-1")]
    public void IAM_is_global_one_endpoint_per_partition_signed_for_the_partition_s_home_region(string region, string expected, string signingRegion)
    {
        var resolved = Resolver(config: "").Resolve(AwsServices.Iam, region);

        Assert.Equal(new AwsResolvedEndpoint(new Uri(expected), AwsEndpointSource.Default, signingRegion), resolved);
    }

    [Fact]
    public void A_configured_IAM_endpoint_such_as_the_local_region_s_is_signed_for_the_client_s_region()
    {
        var resolved = Resolver(explicitEndpoint: new Uri("http://127.0.0.1:4599")).Resolve(AwsServices.Iam, "local");

        Assert.Equal(new AwsResolvedEndpoint(new Uri("http://127.0.0.1:4599"), AwsEndpointSource.Explicit), resolved);
    }

    [Fact]
    public void An_explicit_endpoint_beats_everything()
    {
        var resolver = Resolver(explicitEndpoint: new Uri("http://127.0.0.1:4566"),
            variables: [("AWS_ENDPOINT_URL_ECS", "http://env-ecs:1"), ("AWS_ENDPOINT_URL", "http://env-global:1")]);

        Assert.Equal(new AwsResolvedEndpoint(new Uri("http://127.0.0.1:4566"), AwsEndpointSource.Explicit), Ecs(resolver));
    }

    [Fact]
    public void The_service_variable_beats_the_global_variable_which_beats_the_config_file()
    {
        var both = Resolver(variables: [("AWS_ENDPOINT_URL_ECS", "http://env-ecs:1"), ("AWS_ENDPOINT_URL", "http://env-global:1")]);
        var globalOnly = Resolver(variables: [("AWS_ENDPOINT_URL", "http://env-global:1")]);

        Assert.Equal(new AwsResolvedEndpoint(new Uri("http://env-ecs:1"), AwsEndpointSource.ServiceEnvironmentVariable), Ecs(both));
        Assert.Equal(new AwsResolvedEndpoint(new Uri("http://env-global:1"), AwsEndpointSource.GlobalEnvironmentVariable), Ecs(globalOnly));
        Assert.Equal(new AwsResolvedEndpoint(new Uri("http://env-global:1"), AwsEndpointSource.GlobalEnvironmentVariable),
            both.Resolve(AwsServices.Sts, "us-east-1"));
    }

    [Fact]
    public void Each_service_has_its_own_variable()
    {
        var resolver = Resolver(config: "", variables:
        [
            ("AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "http://elb:1"),
            ("AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "http://logs:1"),
            ("AWS_ENDPOINT_URL_ECR", "http://ecr:1"),
        ]);

        Assert.Equal("http://elb:1/", resolver.Resolve(AwsServices.ElasticLoadBalancingV2, "us-east-1").Url.ToString());
        Assert.Equal("http://logs:1/", resolver.Resolve(AwsServices.CloudWatchLogs, "us-east-1").Url.ToString());
        Assert.Equal("http://ecr:1/", resolver.Resolve(AwsServices.Ecr, "us-east-1").Url.ToString());
        Assert.Equal(AwsEndpointSource.Default, resolver.Resolve(AwsServices.Ecs, "us-east-1").Source);
    }

    [Fact]
    public void The_profiles_services_section_beats_the_profiles_endpoint_url()
    {
        var resolver = Resolver();

        Assert.Equal(new AwsResolvedEndpoint(new Uri("http://services-ecs:2000"), AwsEndpointSource.ServiceConfiguration), Ecs(resolver));
        Assert.Equal(new AwsResolvedEndpoint(new Uri("http://services-elbv2:2001"), AwsEndpointSource.ServiceConfiguration),
            resolver.Resolve(AwsServices.ElasticLoadBalancingV2, "us-east-1"));
        Assert.Equal(new AwsResolvedEndpoint(new Uri("http://profile-global:1000"), AwsEndpointSource.GlobalConfiguration),
            resolver.Resolve(AwsServices.Ssm, "us-east-1"));
    }

    [Fact]
    public void The_profile_comes_from_the_explicit_name_then_AWS_PROFILE()
    {
        Assert.Equal(AwsEndpointSource.Default, Ecs(Resolver(profile: "bare")).Source);
        Assert.Equal(AwsEndpointSource.Default, Ecs(Resolver(variables: [("AWS_PROFILE", "bare")])).Source);
        Assert.Equal(AwsEndpointSource.ServiceConfiguration, Ecs(Resolver(profile: "default", variables: [("AWS_PROFILE", "bare")])).Source);
    }

    [Fact]
    public void Configured_endpoints_are_ignored_when_the_environment_says_so()
    {
        var resolver = Resolver(variables: [("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"), ("AWS_ENDPOINT_URL_ECS", "http://env-ecs:1")]);

        Assert.Equal(AwsEndpointSource.Default, Ecs(resolver).Source);
        Assert.Equal(AwsEndpointSource.Explicit,
            Resolver(explicitEndpoint: new Uri("http://127.0.0.1:1"), variables: [("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")]).Resolve(AwsServices.Ecs, "us-east-1").Source);
    }

    [Fact]
    public void Configured_endpoints_are_ignored_when_the_profile_says_so_unless_the_environment_says_otherwise()
    {
        Assert.Equal(AwsEndpointSource.Default, Ecs(Resolver(profile: "ignoring")).Source);
        Assert.Equal(AwsEndpointSource.GlobalConfiguration,
            Ecs(Resolver(profile: "ignoring", variables: [("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "false")])).Source);
    }

    [Fact]
    public void A_profile_naming_a_missing_services_section_is_a_configuration_error()
    {
        var error = Assert.Throws<AwsConfigurationException>(() => Ecs(Resolver(profile: "broken")));

        Assert.Contains("[services nowhere]", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1/")]
    public void A_malformed_endpoint_url_names_where_it_came_from(string value)
    {
        var error = Assert.Throws<AwsConfigurationException>(() => Ecs(Resolver(variables: [("AWS_ENDPOINT_URL_ECS", value)])));

        Assert.StartsWith("AWS_ENDPOINT_URL_ECS is not an http(s) URL", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("us-east-1.evil.com/")]
    [InlineData("US-EAST-1")]
    public void A_region_that_is_not_a_region_name_is_refused(string region)
    {
        Assert.Throws<AwsConfigurationException>(() => AwsEndpointResolver.DefaultEndpoint(AwsServices.Ecs, region));
    }
}

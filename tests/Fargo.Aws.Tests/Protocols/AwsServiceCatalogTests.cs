using System.Text.Json;

namespace Fargo.Aws.Tests.Protocols;

/// <summary>The service catalog must say exactly what AWS's own models say.</summary>
public sealed class AwsServiceCatalogTests
{
    public static TheoryData<string, string> Models => new()
    {
        { "ECS", "ecs-2014-11-13" },
        { "Elastic Load Balancing v2", "elasticloadbalancingv2-2015-12-01" },
        { "ECR", "ecr-2015-09-21" },
        { "SSM", "ssm-2014-11-06" },
        { "CloudWatch Logs", "logs-2014-03-28" },
        { "CloudFormation", "cloudformation-2010-05-15" },
        { "Secrets Manager", "secretsmanager-2017-10-17" },
        { "STS", "sts-2011-06-15" },
        { "Application Auto Scaling", "application-autoscaling-2016-02-06" },
        { "ACM", "acm-2015-12-08" },
        { "IAM", "iam-2010-05-08" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Each_service_matches_the_metadata_of_its_model(string serviceId, string model)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryRoot.Combine("node_modules", "aws-sdk", "apis", model + ".min.json")));
        var metadata = document.RootElement.GetProperty("metadata");
        string? Get(string name) => metadata.TryGetProperty(name, out var value) ? value.GetString() : null;

        var service = Assert.Single(AwsServices.All, s => s.ServiceId == serviceId);

        Assert.Equal(Get("serviceId"), service.ServiceId);
        Assert.Equal(Get("endpointPrefix"), service.EndpointPrefix);
        Assert.Equal(Get("signingName") ?? Get("endpointPrefix"), service.SigningName);
        Assert.Equal(Get("apiVersion"), service.ApiVersion);
        Assert.Equal(Get("protocol") switch { "json" => AwsProtocol.Json11, "query" => AwsProtocol.Query, var other => throw new InvalidOperationException(other) },
            service.Protocol);
        if (service.Protocol == AwsProtocol.Json11)
        {
            Assert.Equal("1.1", Get("jsonVersion"));
        }
        Assert.Equal(Get("targetPrefix"), service.JsonTargetPrefix);
        Assert.Equal(Get("xmlNamespace"), service.XmlNamespace);
        // A global service has its aws-partition endpoint at the model's globalEndpoint. STS's model names one too, but
        // the AWS CLI v2 and the SDKs call STS's regional endpoints (sts_regional_endpoints = regional), as Fargo does.
        if (service.GlobalEndpoints is { } global)
        {
            Assert.Equal(Get("globalEndpoint"), global["aws"].Host);
        }
        // AWS's rule for AWS_ENDPOINT_URL_<SERVICE>: the service id upper-cased, spaces (and hyphens) as underscores.
        Assert.Equal(Get("serviceId")!.ToUpperInvariant().Replace(' ', '_').Replace('-', '_'), service.EndpointEnvSuffix);
    }

    [Fact]
    public void The_catalog_has_the_eleven_services_once_each()
    {
        Assert.Equal(11, AwsServices.All.Count);
        Assert.Equal(11, AwsServices.All.Select(s => s.ServiceId).Distinct().Count());
        Assert.Equal(
            ["AWS_ENDPOINT_URL_ECS", "AWS_ENDPOINT_URL_ELASTIC_LOAD_BALANCING_V2", "AWS_ENDPOINT_URL_ECR", "AWS_ENDPOINT_URL_SSM",
             "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS", "AWS_ENDPOINT_URL_CLOUDFORMATION", "AWS_ENDPOINT_URL_SECRETS_MANAGER", "AWS_ENDPOINT_URL_STS",
             "AWS_ENDPOINT_URL_APPLICATION_AUTO_SCALING", "AWS_ENDPOINT_URL_ACM", "AWS_ENDPOINT_URL_IAM"],
            AwsServices.All.Select(s => s.EndpointEnvironmentVariable));
    }

    [Fact]
    public void Services_are_found_by_target_prefix_and_signing_name()
    {
        Assert.Same(AwsServices.Ecr, AwsServices.FindByJsonTargetPrefix("AmazonEC2ContainerRegistry_V20150921"));
        Assert.Same(AwsServices.Ecr, AwsServices.FindBySigningName("ecr"));
        Assert.Same(AwsServices.ElasticLoadBalancingV2, AwsServices.FindBySigningName("elasticloadbalancing"));
        Assert.Null(AwsServices.FindByJsonTargetPrefix("DynamoDB_20120810"));
    }
}

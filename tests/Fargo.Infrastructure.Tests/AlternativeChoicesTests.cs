using Amazon.CDK.Assertions;
using Fargo.Infrastructure.Tests.Support;
using static Fargo.Infrastructure.Tests.Support.J;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// The choices of fargo.toml the example does not make: an existing VPC by id, an existing certificate, a
/// hosted zone by id, an internal load balancer, no database, memory and request scaling, no spot, a Secrets
/// Manager secret; and plain HTTP without a domain.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class AlternativeChoicesTests(SynthesisFixture synthesis)
{
    [Fact]
    public void Existing_vpc_is_imported_with_its_subnets_as_typed_parameters_and_no_network_is_created()
    {
        var existing = synthesis.ExistingNetwork;
        existing.Environment.ResourceCountIs("AWS::EC2::VPC", 0);
        existing.Environment.ResourceCountIs("AWS::EC2::Subnet", 0);
        existing.Environment.ResourceCountIs("AWS::EC2::NatGateway", 0);
        existing.Environment.HasParameter(StackParameters.PublicSubnetIds, Like(("Type", "List<AWS::EC2::Subnet::Id>")));
        existing.Environment.HasParameter(StackParameters.PrivateSubnetIds, Like(("Type", "List<AWS::EC2::Subnet::Id>")));
        existing.Environment.HasParameter(StackParameters.VpcCidr, Like(("Type", "String")));
        existing.Environment.HasResourceProperties("AWS::EC2::SecurityGroup", Like(("VpcId", TestSettings.ExistingVpcId)));
        existing.Environment.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Like(
            ("Scheme", "internal"),
            ("Subnets", A(
                O(("Fn::Select", A(0, O(("Ref", StackParameters.PrivateSubnetIds))))),
                O(("Fn::Select", A(1, O(("Ref", StackParameters.PrivateSubnetIds)))))))));
        existing.Service.HasResourceProperties("AWS::ECS::Service", Like(("NetworkConfiguration", O(("AwsvpcConfiguration", Like(
            ("AssignPublicIp", "DISABLED"),
            ("Subnets", A(O(("Fn::Select", A(0, Match.AnyValue()))), O(("Fn::Select", A(1, Match.AnyValue())))))))))));
        var subnets = SynthesizedEnvironment.Resources(existing.ServiceJson, "AWS::ECS::Service").Single().Value["Properties"]!["NetworkConfiguration"]!["AwsvpcConfiguration"]!["Subnets"]!.ToJsonString();
        Assert.Contains("PrivateSubnetIds", subnets, StringComparison.Ordinal);
        Assert.Equal(TestSettings.ExistingVpcId, existing.Assembly.ExistingVpcId);
        Assert.True(existing.Assembly.NeedsVpcCidr);
    }

    [Fact]
    public void Internal_load_balancer_admits_only_the_vpc()
    {
        synthesis.ExistingNetwork.Environment.HasResourceProperties("AWS::EC2::SecurityGroup", Like(("SecurityGroupIngress", A(
            Like(("CidrIp", O(("Ref", StackParameters.VpcCidr))), ("FromPort", 443), ("ToPort", 443)),
            Like(("CidrIp", O(("Ref", StackParameters.VpcCidr))), ("FromPort", 80), ("ToPort", 80))))));
    }

    [Fact]
    public void Existing_certificate_is_used_as_given_and_the_zone_id_needs_no_lookup()
    {
        var existing = synthesis.ExistingNetwork;
        existing.Environment.ResourceCountIs("AWS::CertificateManager::Certificate", 0);
        existing.Environment.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Like(
            ("Port", 443),
            ("Certificates", A(O(("CertificateArn", TestSettings.CertificateArn))))));
        existing.Environment.HasResourceProperties("AWS::Route53::RecordSet", Like(
            ("HostedZoneId", TestSettings.HostedZoneId),
            ("Name", "billing.internal.example.com.")));
        Assert.Null(existing.Assembly.HostedZoneToLookUp);
        Assert.DoesNotContain(StackParameters.HostedZoneId, existing.EnvironmentJson["Parameters"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public void Service_without_a_database_gets_no_database_and_no_secret_access_beyond_its_own()
    {
        var existing = synthesis.ExistingNetwork;
        existing.Service.ResourceCountIs("AWS::RDS::DBInstance", 0);
        existing.Service.ResourceCountIs("AWS::SecretsManager::Secret", 0);
        var reads = ServiceStackTests.PolicyStatementsOf(existing.ServiceJson, "ExecutionRole")
            .Where(statement => ServiceStackTests.Actions(statement).Any(action => action.StartsWith("ssm:", StringComparison.Ordinal) || action.StartsWith("secretsmanager:", StringComparison.Ordinal)))
            .Select(statement => statement["Resource"]!.ToJsonString())
            .Order(StringComparer.Ordinal)
            .ToList();
        Assert.Equal(
            [
                "\"arn:aws:secretsmanager:eu-west-1:333333333333:secret:billing/stripe-AbCdEf\"",
                "\"arn:aws:ssm:eu-west-1:333333333333:parameter/billing/*\"",
                "\"arn:aws:ssm:eu-west-1:333333333333:parameter/shared/token\"",
            ],
            reads);
        existing.Service.HasResourceProperties("AWS::ECS::TaskDefinition", Like(("ContainerDefinitions", A(Like(("Secrets", A(
            O(("Name", "SHARED_TOKEN"), ("ValueFrom", "arn:aws:ssm:eu-west-1:333333333333:parameter/shared/token")),
            O(("Name", "STRIPE_KEY"), ("ValueFrom", TestSettings.SecretsManagerArn + ":apiKey::")))))))));
    }

    [Fact]
    public void Memory_and_request_targets_scale_the_service_and_no_spot_means_fargate_only()
    {
        var existing = synthesis.ExistingNetwork;
        existing.Service.ResourceCountIs("AWS::ApplicationAutoScaling::ScalingPolicy", 2);
        existing.Service.HasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Like(("TargetTrackingScalingPolicyConfiguration", Like(
            ("PredefinedMetricSpecification", O(("PredefinedMetricType", "ECSServiceAverageMemoryUtilization"))),
            ("TargetValue", 75)))));
        existing.Service.HasResourceProperties("AWS::ApplicationAutoScaling::ScalingPolicy", Like(("TargetTrackingScalingPolicyConfiguration", Like(
            ("PredefinedMetricSpecification", Like(("PredefinedMetricType", "ALBRequestCountPerTarget"))),
            ("TargetValue", 300)))));
        existing.Service.HasResourceProperties("AWS::ECS::Service", Like(("CapacityProviderStrategy", A(O(("CapacityProvider", "FARGATE"), ("Weight", 1), ("Base", 0))))));
        existing.Service.HasResourceProperties("AWS::ECS::TaskDefinition", Like(("RuntimePlatform", O(("CpuArchitecture", "ARM64"), ("OperatingSystemFamily", "LINUX")))));
    }

    [Fact]
    public void Without_domain_or_certificate_the_load_balancer_answers_plain_http_only()
    {
        var plain = synthesis.PlainHttp;
        plain.Environment.ResourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 1);
        plain.Environment.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Like(("Port", 80), ("Protocol", "HTTP"), ("DefaultActions", A(Like(("Type", "fixed-response"))))));
        plain.Environment.HasResourceProperties("AWS::EC2::SecurityGroup", Like(("SecurityGroupIngress", A(Like(("CidrIp", "0.0.0.0/0"), ("FromPort", 80), ("ToPort", 80))))));
        plain.Environment.ResourceCountIs("AWS::Route53::RecordSet", 0);
        plain.Service.HasResourceProperties("AWS::ElasticLoadBalancingV2::ListenerRule", Like(("Conditions", A(O(("Field", "path-pattern"), ("PathPatternConfig", O(("Values", A("/*")))))))));
        plain.Environment.HasOutput(StackOutputs.Url, Like(("Value", O(("Fn::Join", A("", A("http://", O(("Fn::GetAtt", A(Match.StringLikeRegexp("^LoadBalancer"), "DNSName"))))))))));
    }

    [Fact]
    public void An_AWS_environment_without_an_account_is_refused_with_an_explanation()
    {
        // (The local environment synthesizes like any other since the local region deploys the same stacks.)
        var noAccount = TestSettings.PlainHttp() with { Environment = new Fargo.Config.Model.EnvironmentTarget("dev", null, "us-east-1", false, IsLocal: false) };
        var error = Assert.Throws<InfrastructureConfigurationException>(() => InfrastructureApp.Synthesize(noAccount, RepositoryPlacement.Alone, Path.Combine(Path.GetTempPath(), "never-written")));
        Assert.Contains("[environments.dev] account", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_folder_that_is_not_an_assembly_is_left_alone()
    {
        var folder = Directory.CreateTempSubdirectory("fargo-infra-foreign-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "notes.txt"), "mine");
            var error = Assert.Throws<InfrastructureException>(() => InfrastructureApp.Synthesize(TestSettings.PlainHttp(), RepositoryPlacement.Alone, folder));
            Assert.Contains("holds no cloud assembly", error.Message, StringComparison.Ordinal);
            Assert.Equal("mine", File.ReadAllText(Path.Combine(folder, "notes.txt")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}

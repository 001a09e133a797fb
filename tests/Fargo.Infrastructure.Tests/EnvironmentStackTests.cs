using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Fargo.Infrastructure.Tests.Support;
using static Fargo.Infrastructure.Tests.Support.J;

namespace Fargo.Infrastructure.Tests;

/// <summary>The environment stacks of the example's prod and qa: network, load balancer, logging bucket, cluster, DNS.</summary>
[Collection(CdkCollection.Name)]
public sealed class EnvironmentStackTests(SynthesisFixture synthesis)
{
    [Fact]
    public void Vpc_spans_two_zones_with_a_public_and_a_private_subnet_in_each()
    {
        var template = synthesis.Prod.Environment;
        template.ResourceCountIs("AWS::EC2::VPC", 1);
        template.ResourceCountIs("AWS::EC2::Subnet", 4);
        template.ResourceCountIs("AWS::EC2::InternetGateway", 1);
        foreach (var zone in new[] { 0, 1 })
        {
            var az = O(("Fn::Select", A(zone, O(("Fn::GetAZs", "")))));
            template.HasResourceProperties("AWS::EC2::Subnet", Like(("AvailabilityZone", az), ("Tags", With(Like(("Key", "aws-cdk:subnet-type"), ("Value", "Public")))), ("MapPublicIpOnLaunch", false)));
            template.HasResourceProperties("AWS::EC2::Subnet", Like(("AvailabilityZone", az), ("Tags", With(Like(("Key", "aws-cdk:subnet-type"), ("Value", "Private")))), ("MapPublicIpOnLaunch", false)));
        }
    }

    [Fact]
    public void Prod_has_a_nat_gateway_per_zone_and_qa_a_single_one()
    {
        synthesis.Prod.Environment.ResourceCountIs("AWS::EC2::NatGateway", 2);
        synthesis.Qa.Environment.ResourceCountIs("AWS::EC2::NatGateway", 1);

        // With one gateway, both private subnets route through it.
        var routes = SynthesizedEnvironment.Resources(synthesis.Qa.EnvironmentJson, "AWS::EC2::Route")
            .Where(route => route.Value["Properties"]!["NatGatewayId"] is not null)
            .Select(route => route.Value["Properties"]!["NatGatewayId"]!.ToJsonString())
            .ToList();
        Assert.Equal(2, routes.Count);
        Assert.Single(routes.Distinct());
    }

    [Fact]
    public void S3_traffic_goes_through_a_gateway_endpoint() =>
        synthesis.Prod.Environment.HasResourceProperties("AWS::EC2::VPCEndpoint", Like(
            ("VpcEndpointType", "Gateway"),
            ("ServiceName", O(("Fn::Join", A("", A("com.amazonaws.", O(("Ref", "AWS::Region")), ".s3"))))),
            ("RouteTableIds", Match.AnyValue())));

    [Fact]
    public void Load_balancer_group_admits_only_http_and_https_from_the_internet()
    {
        foreach (var environment in new[] { synthesis.Prod, synthesis.Qa })
        {
            var groups = SynthesizedEnvironment.Resources(environment.EnvironmentJson, "AWS::EC2::SecurityGroup");
            var group = Assert.Single(groups).Value["Properties"]!;
            var ingress = group["SecurityGroupIngress"]!.AsArray()
                .Select(rule => ((string?)rule!["CidrIp"], (string?)rule["IpProtocol"], (int)rule["FromPort"]!, (int)rule["ToPort"]!))
                .OrderBy(rule => rule.Item3)
                .ToList();
            Assert.Equal([("0.0.0.0/0", "tcp", 80, 80), ("0.0.0.0/0", "tcp", 443, 443)], ingress);

            // No rule of its own lets it out; the only egress is to the service's group (in the service stack).
            var egress = group["SecurityGroupEgress"]!.AsArray();
            Assert.Equal("255.255.255.255/32", (string?)Assert.Single(egress)!["CidrIp"]);
            Assert.Empty(SynthesizedEnvironment.Resources(environment.EnvironmentJson, "AWS::EC2::SecurityGroupIngress"));
        }
    }

    [Fact]
    public void Load_balancer_is_internet_facing_in_the_public_subnets_and_logs_to_the_logging_bucket()
    {
        var template = synthesis.Prod.Environment;
        template.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Like(
            ("Name", synthesis.Prod.Settings.Names.LoadBalancer),
            ("Scheme", "internet-facing"),
            ("Type", "application"),
            ("Subnets", A(O(("Ref", Match.StringLikeRegexp("^VpcpublicSubnet1"))), O(("Ref", Match.StringLikeRegexp("^VpcpublicSubnet2"))))),
            ("LoadBalancerAttributes", With(
                Like(("Key", "routing.http.drop_invalid_header_fields.enabled"), ("Value", "true")),
                Like(("Key", "routing.http.desync_mitigation_mode"), ("Value", "defensive")),
                Like(("Key", "access_logs.s3.enabled"), ("Value", "true")),
                Like(("Key", "access_logs.s3.bucket"), ("Value", O(("Ref", Match.StringLikeRegexp("^AccessLogsBucket")))))))));
    }

    [Fact]
    public void Load_balancer_deletion_protection_is_on_in_prod_only()
    {
        synthesis.Prod.Environment.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Like(
            ("LoadBalancerAttributes", With(Like(("Key", "deletion_protection.enabled"), ("Value", "true"))))));
        synthesis.Qa.Environment.HasResourceProperties("AWS::ElasticLoadBalancingV2::LoadBalancer", Like(
            ("LoadBalancerAttributes", Match.Not(With(Like(("Key", "deletion_protection.enabled"), ("Value", "true")))))));
    }

    [Fact]
    public void Https_listener_uses_the_certificate_and_a_modern_tls_policy()
    {
        var template = synthesis.Prod.Environment;
        template.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Like(
            ("Port", 443),
            ("Protocol", "HTTPS"),
            ("SslPolicy", "ELBSecurityPolicy-TLS13-1-2-2021-06"),
            ("Certificates", A(O(("CertificateArn", O(("Ref", Match.StringLikeRegexp("^Certificate")))))))));
        template.ResourceCountIs("AWS::ElasticLoadBalancingV2::Listener", 2);
    }

    [Fact]
    public void Http_listener_redirects_permanently_to_https()
    {
        foreach (var environment in new[] { synthesis.Prod, synthesis.Qa })
        {
            environment.Environment.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", O(
                ("LoadBalancerArn", Match.AnyValue()),
                ("Port", 80),
                ("Protocol", "HTTP"),
                ("DefaultActions", A(O(
                    ("Type", "redirect"),
                    ("RedirectConfig", O(("Protocol", "HTTPS"), ("Port", "443"), ("StatusCode", "HTTP_301"))))))));
        }
    }

    [Fact]
    public void Certificate_for_the_domain_is_validated_in_the_hosted_zone_whose_id_infra_up_passes()
    {
        var prod = synthesis.Prod;
        prod.Environment.HasResourceProperties("AWS::CertificateManager::Certificate", Like(
            ("DomainName", "todo.example.com"),
            ("ValidationMethod", "DNS"),
            ("DomainValidationOptions", A(O(("DomainName", "todo.example.com"), ("HostedZoneId", O(("Ref", StackParameters.HostedZoneId))))))));
        prod.Environment.HasParameter(StackParameters.HostedZoneId, Like(("Type", "AWS::Route53::HostedZone::Id")));
        Assert.Equal("example.com", prod.Assembly.HostedZoneToLookUp);
    }

    [Fact]
    public void Domain_is_an_alias_of_the_load_balancer()
    {
        synthesis.Prod.Environment.HasResourceProperties("AWS::Route53::RecordSet", O(
            ("HostedZoneName", "example.com."),
            ("Name", "todo.example.com."),
            ("Type", "A"),
            ("AliasTarget", Like(
                ("DNSName", O(("Fn::Join", A("", A("dualstack.", O(("Fn::GetAtt", A(Match.StringLikeRegexp("^LoadBalancer"), "DNSName")))))))),
                ("HostedZoneId", O(("Fn::GetAtt", A(Match.StringLikeRegexp("^LoadBalancer"), "CanonicalHostedZoneID"))))))));
        synthesis.Qa.Environment.HasResourceProperties("AWS::Route53::RecordSet", Like(("Name", "qa.todo.example.com.")));
    }

    [Fact]
    public void Logging_bucket_is_private_encrypted_versioned_and_denies_plain_http()
    {
        var template = synthesis.Prod.Environment;
        template.HasResourceProperties("AWS::S3::Bucket", Like(
            ("PublicAccessBlockConfiguration", O(("BlockPublicAcls", true), ("BlockPublicPolicy", true), ("IgnorePublicAcls", true), ("RestrictPublicBuckets", true))),
            // Load balancer access logs can only go to a bucket with S3-managed encryption.
            ("BucketEncryption", O(("ServerSideEncryptionConfiguration", A(O(("ServerSideEncryptionByDefault", O(("SSEAlgorithm", "AES256")))))))),
            ("VersioningConfiguration", O(("Status", "Enabled"))),
            ("OwnershipControls", O(("Rules", A(O(("ObjectOwnership", "BucketOwnerEnforced")))))),
            ("LifecycleConfiguration", Like(("Rules", With(Like(("ExpirationInDays", synthesis.Prod.Settings.Logs.RetentionDays))))))));
        template.HasResourceProperties("AWS::S3::BucketPolicy", Like(("PolicyDocument", Like(("Statement", With(DenyInsecureTransport()))))));
    }

    [Fact]
    public void Logging_bucket_is_kept_in_prod_and_deleted_with_qa()
    {
        synthesis.Prod.Environment.HasResource("AWS::S3::Bucket", Like(("DeletionPolicy", "Retain")));
        synthesis.Qa.Environment.HasResource("AWS::S3::Bucket", Like(("DeletionPolicy", "Delete")));
    }

    [Fact]
    public void Cluster_has_container_insights_and_both_fargate_capacity_providers()
    {
        var template = synthesis.Prod.Environment;
        template.HasResourceProperties("AWS::ECS::Cluster", O(
            ("ClusterName", synthesis.Prod.Settings.Names.Cluster),
            ("ClusterSettings", A(O(("Name", "containerInsights"), ("Value", "enabled")))),
            ("Tags", Match.AnyValue())));
        template.HasResourceProperties("AWS::ECS::ClusterCapacityProviderAssociations", Like(
            ("CapacityProviders", A("FARGATE", "FARGATE_SPOT"))));
    }

    [Fact]
    public void Outputs_name_the_cluster_vpc_load_balancer_and_address()
    {
        var template = synthesis.Prod.Environment;
        template.HasOutput(StackOutputs.ClusterName, Like(("Value", O(("Ref", Match.StringLikeRegexp("^Cluster"))))));
        template.HasOutput(StackOutputs.VpcId, Like(("Value", O(("Ref", Match.StringLikeRegexp("^Vpc"))))));
        template.HasOutput(StackOutputs.Url, Like(("Value", "https://todo.example.com")));
        template.HasOutput(StackOutputs.AccessLogsBucketName, Match.AnyValue());
        template.HasOutput(StackOutputs.LoadBalancerDnsName, Match.AnyValue());
    }

    [Fact]
    public void Stacks_are_bound_to_the_configured_account_and_region()
    {
        var manifest = JsonNode.Parse(File.ReadAllText(Path.Combine(synthesis.Prod.Assembly.Directory, "manifest.json")))!;
        var artifacts = manifest["artifacts"]!.AsObject();
        Assert.Equal("aws://222222222222/us-east-1", (string?)artifacts["fargo-prod"]!["environment"]);
        Assert.Equal("aws://222222222222/us-east-1", (string?)artifacts["fargo-prod-todo-api"]!["environment"]);
        Assert.Equal("aws://111111111111/us-east-1", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(synthesis.Qa.Assembly.Directory, "manifest.json")))!["artifacts"]!["fargo-qa"]!["environment"]);
    }

    internal static Matcher DenyInsecureTransport() => Like(
        ("Effect", "Deny"),
        ("Action", "s3:*"),
        ("Principal", O(("AWS", "*"))),
        ("Condition", O(("Bool", O(("aws:SecureTransport", "false"))))));
}

using System.Text.Json.Serialization.Metadata;
using Fargo.Aws.ElasticLoadBalancingV2;

namespace Fargo.Aws.Tests.AwsCli.Cases;

public static class ElasticLoadBalancingV2Cases
{
    private const string LoadBalancerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/fargo-prod/50dc6c495c0c9188";
    private const string TargetGroupArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/todo-api/73e2d6bc24d8a067";
    private const string ListenerArn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/fargo-prod/50dc6c495c0c9188/f2f7dc8efc522ab2";

    private static ElasticLoadBalancingV2JsonContext Ctx => ElasticLoadBalancingV2JsonContext.Default;

    private const string LoadBalancerXml = $"""
        <member>
          <LoadBalancerArn>{LoadBalancerArn}</LoadBalancerArn>
          <DNSName>fargo-prod-1234567890.us-east-1.elb.amazonaws.com</DNSName>
          <CanonicalHostedZoneId>Z35SXDOTRQ7X7K</CanonicalHostedZoneId>
          <CreatedTime>2024-05-01T10:20:30.470Z</CreatedTime>
          <LoadBalancerName>fargo-prod</LoadBalancerName>
          <Scheme>internet-facing</Scheme>
          <VpcId>vpc-3ac0fb5f</VpcId>
          <State><Code>provisioning</Code></State>
          <Type>application</Type>
          <AvailabilityZones>
            <member><ZoneName>us-east-1a</ZoneName><SubnetId>subnet-8360a9e7</SubnetId><LoadBalancerAddresses/></member>
            <member><ZoneName>us-east-1b</ZoneName><SubnetId>subnet-b7d581c0</SubnetId><LoadBalancerAddresses/></member>
          </AvailabilityZones>
          <SecurityGroups><member>sg-5943793c</member></SecurityGroups>
          <IpAddressType>ipv4</IpAddressType>
        </member>
        """;

    private const string TargetGroupXml = $"""
        <member>
          <TargetGroupArn>{TargetGroupArn}</TargetGroupArn>
          <TargetGroupName>todo-api</TargetGroupName>
          <Protocol>HTTP</Protocol>
          <Port>8080</Port>
          <VpcId>vpc-3ac0fb5f</VpcId>
          <HealthCheckProtocol>HTTP</HealthCheckProtocol>
          <HealthCheckPort>traffic-port</HealthCheckPort>
          <HealthCheckEnabled>true</HealthCheckEnabled>
          <HealthCheckIntervalSeconds>10</HealthCheckIntervalSeconds>
          <HealthCheckTimeoutSeconds>5</HealthCheckTimeoutSeconds>
          <HealthyThresholdCount>2</HealthyThresholdCount>
          <UnhealthyThresholdCount>3</UnhealthyThresholdCount>
          <HealthCheckPath>/_health</HealthCheckPath>
          <Matcher><HttpCode>200-399</HttpCode></Matcher>
          <LoadBalancerArns><member>{LoadBalancerArn}</member></LoadBalancerArns>
          <TargetType>ip</TargetType>
          <ProtocolVersion>HTTP1</ProtocolVersion>
          <IpAddressType>ipv4</IpAddressType>
        </member>
        """;

    private const string ListenerXml = $"""
        <member>
          <ListenerArn>{ListenerArn}</ListenerArn>
          <LoadBalancerArn>{LoadBalancerArn}</LoadBalancerArn>
          <Port>443</Port>
          <Protocol>HTTPS</Protocol>
          <Certificates><member><CertificateArn>arn:aws:acm:us-east-1:123456789012:certificate/3dcb0a41</CertificateArn></member></Certificates>
          <SslPolicy>ELBSecurityPolicy-TLS13-1-2-2021-06</SslPolicy>
          <DefaultActions>
            <member>
              <Type>forward</Type>
              <TargetGroupArn>{TargetGroupArn}</TargetGroupArn>
              <ForwardConfig>
                <TargetGroups><member><TargetGroupArn>{TargetGroupArn}</TargetGroupArn><Weight>1</Weight></member></TargetGroups>
                <TargetGroupStickinessConfig><Enabled>false</Enabled></TargetGroupStickinessConfig>
              </ForwardConfig>
            </member>
          </DefaultActions>
        </member>
        """;

    private const string AttributesXml = """
        <Attributes>
          <member><Key>deregistration_delay.timeout_seconds</Key><Value>30</Value></member>
          <member><Key>load_balancing.algorithm.type</Key><Value>least_outstanding_requests</Value></member>
          <member><Key>stickiness.enabled</Key><Value>false</Value></member>
        </Attributes>
        """;

    public static IEnumerable<CliCase> All()
    {
        yield return Case("CreateLoadBalancer",
            new CreateLoadBalancerRequest
            {
                Name = "fargo-prod",
                Subnets = ["subnet-8360a9e7", "subnet-b7d581c0"],
                SecurityGroups = ["sg-5943793c"],
                Scheme = LoadBalancerScheme.InternetFacing,
                Type = LoadBalancerType.Application,
                IpAddressType = IpAddressType.Ipv4,
                Tags = [new Tag { Key = "env", Value = "prod" }],
            },
            Ctx.CreateLoadBalancerRequest, Ctx.CreateLoadBalancerResponse, (c, r, ct) => c.CreateLoadBalancerAsync(r, ct),
            $"<LoadBalancers>{LoadBalancerXml}</LoadBalancers>");

        yield return Case("DescribeLoadBalancers",
            new DescribeLoadBalancersRequest { Names = ["fargo-prod", "fargo-qa"], PageSize = 20 },
            Ctx.DescribeLoadBalancersRequest, Ctx.DescribeLoadBalancersResponse, (c, r, ct) => c.DescribeLoadBalancersAsync(r, ct),
            $"<LoadBalancers>{LoadBalancerXml}</LoadBalancers><NextMarker>bWFya2VyLTI=</NextMarker>",
            ["--names", "fargo-prod", "fargo-qa", "--page-size", "20"]);

        yield return Case("DeleteLoadBalancer",
            new DeleteLoadBalancerRequest { LoadBalancerArn = LoadBalancerArn },
            Ctx.DeleteLoadBalancerRequest, Ctx.DeleteLoadBalancerResponse, (c, r, ct) => c.DeleteLoadBalancerAsync(r, ct),
            "");

        yield return Case("CreateTargetGroup",
            new CreateTargetGroupRequest
            {
                Name = "todo-api",
                Protocol = ProtocolName.Http,
                ProtocolVersion = "HTTP1",
                Port = 8080,
                VpcId = "vpc-3ac0fb5f",
                HealthCheckProtocol = ProtocolName.Http,
                HealthCheckEnabled = true,
                HealthCheckPath = "/_health",
                HealthCheckIntervalSeconds = 10,
                HealthCheckTimeoutSeconds = 5,
                HealthyThresholdCount = 2,
                UnhealthyThresholdCount = 3,
                Matcher = new Matcher { HttpCode = "200-399" },
                TargetType = TargetType.Ip,
                IpAddressType = TargetGroupIpAddressType.Ipv4,
            },
            Ctx.CreateTargetGroupRequest, Ctx.CreateTargetGroupResponse, (c, r, ct) => c.CreateTargetGroupAsync(r, ct),
            $"<TargetGroups>{TargetGroupXml}</TargetGroups>");

        yield return Case("DescribeTargetGroups",
            new DescribeTargetGroupsRequest { LoadBalancerArn = LoadBalancerArn, PageSize = 50 },
            Ctx.DescribeTargetGroupsRequest, Ctx.DescribeTargetGroupsResponse, (c, r, ct) => c.DescribeTargetGroupsAsync(r, ct),
            $"<TargetGroups>{TargetGroupXml}</TargetGroups>");

        yield return Case("ModifyTargetGroupAttributes",
            new ModifyTargetGroupAttributesRequest
            {
                TargetGroupArn = TargetGroupArn,
                Attributes =
                [
                    new TargetGroupAttribute { Key = "deregistration_delay.timeout_seconds", Value = "30" },
                    new TargetGroupAttribute { Key = "load_balancing.algorithm.type", Value = "least_outstanding_requests" },
                ],
            },
            Ctx.ModifyTargetGroupAttributesRequest, Ctx.ModifyTargetGroupAttributesResponse, (c, r, ct) => c.ModifyTargetGroupAttributesAsync(r, ct),
            AttributesXml,
            ["--target-group-arn", TargetGroupArn, "--attributes", "Key=deregistration_delay.timeout_seconds,Value=30", "Key=load_balancing.algorithm.type,Value=least_outstanding_requests"]);

        yield return Case("DescribeTargetGroupAttributes",
            new DescribeTargetGroupAttributesRequest { TargetGroupArn = TargetGroupArn },
            Ctx.DescribeTargetGroupAttributesRequest, Ctx.DescribeTargetGroupAttributesResponse, (c, r, ct) => c.DescribeTargetGroupAttributesAsync(r, ct),
            AttributesXml);

        yield return Case("DeleteTargetGroup",
            new DeleteTargetGroupRequest { TargetGroupArn = TargetGroupArn },
            Ctx.DeleteTargetGroupRequest, Ctx.DeleteTargetGroupResponse, (c, r, ct) => c.DeleteTargetGroupAsync(r, ct),
            "",
            ["--target-group-arn", TargetGroupArn]);

        yield return Case("CreateListener",
            new CreateListenerRequest
            {
                LoadBalancerArn = LoadBalancerArn,
                Protocol = ProtocolName.Https,
                Port = 443,
                SslPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06",
                Certificates = [new Certificate { CertificateArn = "arn:aws:acm:us-east-1:123456789012:certificate/3dcb0a41" }],
                DefaultActions =
                [
                    new ListenerAction
                    {
                        Type = ActionType.Forward,
                        TargetGroupArn = TargetGroupArn,
                    },
                    new ListenerAction
                    {
                        Type = ActionType.FixedResponse,
                        Order = 2,
                        FixedResponseConfig = new FixedResponseActionConfig { StatusCode = "503", ContentType = "text/plain", MessageBody = "unavailable" },
                    },
                ],
            },
            Ctx.CreateListenerRequest, Ctx.CreateListenerResponse, (c, r, ct) => c.CreateListenerAsync(r, ct),
            $"<Listeners>{ListenerXml}</Listeners>");

        yield return Case("DescribeListeners",
            new DescribeListenersRequest { LoadBalancerArn = LoadBalancerArn },
            Ctx.DescribeListenersRequest, Ctx.DescribeListenersResponse, (c, r, ct) => c.DescribeListenersAsync(r, ct),
            $$"""
            <Listeners>{{ListenerXml}}
              <member>
                <ListenerArn>{{ListenerArn}}0</ListenerArn>
                <LoadBalancerArn>{{LoadBalancerArn}}</LoadBalancerArn>
                <Port>80</Port>
                <Protocol>HTTP</Protocol>
                <DefaultActions>
                  <member>
                    <Type>redirect</Type>
                    <Order>1</Order>
                    <RedirectConfig><Protocol>HTTPS</Protocol><Port>443</Port><Host>#{host}</Host><Path>/#{path}</Path><Query>#{query}</Query><StatusCode>HTTP_301</StatusCode></RedirectConfig>
                  </member>
                </DefaultActions>
              </member>
            </Listeners>
            """);

        yield return Case("DeleteListener",
            new DeleteListenerRequest { ListenerArn = ListenerArn },
            Ctx.DeleteListenerRequest, Ctx.DeleteListenerResponse, (c, r, ct) => c.DeleteListenerAsync(r, ct),
            "");

        yield return Case("RegisterTargets",
            new RegisterTargetsRequest
            {
                TargetGroupArn = TargetGroupArn,
                Targets = [new TargetDescription { Id = "10.0.1.23", Port = 8080 }, new TargetDescription { Id = "10.0.2.41", Port = 8080, AvailabilityZone = "us-east-1b" }],
            },
            Ctx.RegisterTargetsRequest, Ctx.RegisterTargetsResponse, (c, r, ct) => c.RegisterTargetsAsync(r, ct),
            "",
            ["--target-group-arn", TargetGroupArn, "--targets", "Id=10.0.1.23,Port=8080", "Id=10.0.2.41,Port=8080,AvailabilityZone=us-east-1b"]);

        yield return Case("DeregisterTargets",
            new DeregisterTargetsRequest { TargetGroupArn = TargetGroupArn, Targets = [new TargetDescription { Id = "10.0.1.23", Port = 8080 }] },
            Ctx.DeregisterTargetsRequest, Ctx.DeregisterTargetsResponse, (c, r, ct) => c.DeregisterTargetsAsync(r, ct),
            "");

        yield return Case("DescribeTargetHealth",
            new DescribeTargetHealthRequest { TargetGroupArn = TargetGroupArn },
            Ctx.DescribeTargetHealthRequest, Ctx.DescribeTargetHealthResponse, (c, r, ct) => c.DescribeTargetHealthAsync(r, ct),
            """
            <TargetHealthDescriptions>
              <member>
                <Target><Id>10.0.1.23</Id><Port>8080</Port><AvailabilityZone>us-east-1a</AvailabilityZone></Target>
                <HealthCheckPort>8080</HealthCheckPort>
                <TargetHealth><State>healthy</State></TargetHealth>
              </member>
              <member>
                <Target><Id>10.0.2.41</Id><Port>8080</Port></Target>
                <HealthCheckPort>8080</HealthCheckPort>
                <TargetHealth>
                  <State>unhealthy</State>
                  <Reason>Target.ResponseCodeMismatch</Reason>
                  <Description>Health checks failed with these codes: [502]</Description>
                </TargetHealth>
              </member>
              <member>
                <Target><Id>10.0.3.7</Id><Port>8080</Port></Target>
                <HealthCheckPort>8080</HealthCheckPort>
                <TargetHealth><State>draining</State><Reason>Target.DeregistrationInProgress</Reason><Description>Target deregistration is in progress</Description></TargetHealth>
              </member>
            </TargetHealthDescriptions>
            """);
    }

    private static CliCase<TRequest, TResponse> Case<TRequest, TResponse>(
        string operation,
        TRequest request,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResponse> responseType,
        Func<ElasticLoadBalancingV2Client, TRequest, CancellationToken, Task<TResponse>> call,
        string resultMembers,
        IReadOnlyList<string>? cliArguments = null) =>
        new(AwsServices.ElasticLoadBalancingV2, "elbv2", operation, request, requestType, responseType,
            (http, r, ct) => call(new ElasticLoadBalancingV2Client(http), r, ct),
            Canned.Query(AwsServices.ElasticLoadBalancingV2, operation, resultMembers), cliArguments);
}

using System.Text.Json;
using Fargo.Aws;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Local.LoadBalancing;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests.LoadBalancing;

/// <summary>
/// The ELBv2 operations on the wire (awsQuery, XML), through Fargo.Aws's client and through the official AWS CLI:
/// ARNs and DNS names in AWS's format, AWS's defaults, states and errors.
/// </summary>
public sealed class ElbApiTests
{
    [Fact]
    public async Task The_aws_cli_builds_a_load_balancer_and_sees_its_targets_health()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var server = await SignedApiServer.StartAsync(ElbV2Api.Create(lb.Elb));
        await using var a = await TestBackend.StartAsync("a");
        using var home = new TempDirectory();
        Task<ProcessResult> Aws(params string[] args) => AwsCli.RunAsync(server.Endpoint, SignedApiServer.AccessKeyId, SignedApiServer.SecretAccessKey, home.Path, ["elbv2", .. args]);

        var created = (await Aws("create-load-balancer", "--name", "shop", "--subnets", "subnet-1", "subnet-2")).Json().GetProperty("LoadBalancers")[0];
        var balancerArn = created.GetProperty("LoadBalancerArn").GetString()!;
        Assert.Matches(@"^arn:aws:elasticloadbalancing:local:000000000000:loadbalancer/app/shop/[0-9a-f]{16}$", balancerArn);
        Assert.Matches(@"^shop-\d+\.local\.elb\.localhost$", created.GetProperty("DNSName").GetString()!);
        Assert.Equal("active", created.GetProperty("State").GetProperty("Code").GetString());

        var group = (await Aws("create-target-group", "--name", "shop-web", "--protocol", "HTTP", "--port", "8080", "--target-type", "ip",
            "--vpc-id", "vpc-local", "--health-check-path", "/_health", "--health-check-interval-seconds", "5", "--health-check-timeout-seconds", "4",
            "--healthy-threshold-count", "2", "--matcher", "HttpCode=200-399")).Json().GetProperty("TargetGroups")[0];
        var groupArn = group.GetProperty("TargetGroupArn").GetString()!;
        Assert.Matches(@"^arn:aws:elasticloadbalancing:local:000000000000:targetgroup/shop-web/[0-9a-f]{16}$", groupArn);
        Assert.Equal(2, group.GetProperty("UnhealthyThresholdCount").GetInt32());
        Assert.Equal("traffic-port", group.GetProperty("HealthCheckPort").GetString());

        await Aws("register-targets", "--target-group-arn", groupArn, "--targets", $"Id=127.0.0.1,Port={a.Port}");
        var unused = (await Aws("describe-target-health", "--target-group-arn", groupArn)).Json().GetProperty("TargetHealthDescriptions")[0];
        Assert.Equal("unused", unused.GetProperty("TargetHealth").GetProperty("State").GetString());
        Assert.Equal("Target.NotInUse", unused.GetProperty("TargetHealth").GetProperty("Reason").GetString());

        // The AWS CLI checks ports are 1 to 65535, so it can't ask for "any free port" (0) as Fargo.Aws can.
        var port = ProxyTests.ClosedPort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var listener = (await Aws("create-listener", "--load-balancer-arn", balancerArn, "--protocol", "HTTP", "--port", port,
            "--default-actions", $"Type=forward,TargetGroupArn={groupArn}")).Json().GetProperty("Listeners")[0];
        Assert.StartsWith("arn:aws:elasticloadbalancing:local:000000000000:listener/app/shop/", listener.GetProperty("ListenerArn").GetString()!, StringComparison.Ordinal);
        var action = listener.GetProperty("DefaultActions")[0];
        Assert.Equal(1, action.GetProperty("ForwardConfig").GetProperty("TargetGroups")[0].GetProperty("Weight").GetInt32());

        var healthy = await Eventually.UntilAsync(
            async () => (await Aws("describe-target-health", "--target-group-arn", groupArn)).Json().GetProperty("TargetHealthDescriptions")[0],
            d => d.GetProperty("TargetHealth").GetProperty("State").GetString() == "healthy",
            TimeSpan.FromSeconds(30), "the target to be healthy");
        Assert.Equal(a.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), healthy.GetProperty("HealthCheckPort").GetString());
        var groups = (await Aws("describe-target-groups", "--load-balancer-arn", balancerArn)).Json().GetProperty("TargetGroups");
        Assert.Equal(balancerArn, groups[0].GetProperty("LoadBalancerArns")[0].GetString());

        using var http = LoadBalancerHarness.Client();
        // The AWS CLI shows where the load balancer is served: its own loopback address.
        var address = created.GetProperty("AvailabilityZones")[0].GetProperty("LoadBalancerAddresses")[0].GetProperty("IpAddress").GetString()!;
        Assert.Equal("a", await http.GetStringAsync(new Uri($"http://{address}:{listener.GetProperty("Port").GetInt32()}/who")));

        var inUse = await Aws("delete-target-group", "--target-group-arn", groupArn);
        Assert.NotEqual(0, inUse.ExitCode);
        Assert.Contains("ResourceInUse", inUse.Error, StringComparison.Ordinal);
        var attributes = (await Aws("describe-target-group-attributes", "--target-group-arn", groupArn)).Json().GetProperty("Attributes");
        Assert.Contains(attributes.EnumerateArray(), x => x.GetProperty("Key").GetString() == "deregistration_delay.timeout_seconds" && x.GetProperty("Value").GetString() == "300");
    }

    [Fact]
    public async Task Fargo_aws_reads_the_answers_and_the_errors()
    {
        await using var lb = await LoadBalancerHarness.StartAsync();
        await using var server = await SignedApiServer.StartAsync(ElbV2Api.Create(lb.Elb));
        using var http = server.Client();
        var client = new ElasticLoadBalancingV2Client(http);

        var groups = await client.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = ["web"] });
        var group = Assert.Single(groups.TargetGroups!);
        Assert.Equal(lb.TargetGroupArn, group.TargetGroupArn);
        Assert.Equal(TargetType.Ip, group.TargetType);
        Assert.Equal([lb.LoadBalancerArn], group.LoadBalancerArns);

        var missing = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest { Names = ["nope"] }));
        Assert.Equal("TargetGroupNotFound", missing.Code);
        Assert.Equal(400, missing.HttpStatus);
        Assert.Equal("One or more target groups not found", missing.Message);

        var outside = await Assert.ThrowsAsync<AwsServiceException>(() => client.RegisterTargetsAsync(new RegisterTargetsRequest
        {
            TargetGroupArn = lb.TargetGroupArn,
            Targets = [new TargetDescription { Id = "10.0.0.7", Port = 80 }],
        }));
        Assert.Equal("InvalidTarget", outside.Code);

        var duplicate = await Assert.ThrowsAsync<AwsServiceException>(() => client.CreateTargetGroupAsync(new CreateTargetGroupRequest
        {
            Name = "web",
            Protocol = ProtocolName.Http,
            Port = 81,
            TargetType = TargetType.Ip,
        }));
        Assert.Equal("DuplicateTargetGroupName", duplicate.Code);

        var tooFast = await Assert.ThrowsAsync<AwsServiceException>(() => client.CreateTargetGroupAsync(new CreateTargetGroupRequest
        {
            Name = "fast",
            Protocol = ProtocolName.Http,
            Port = 80,
            TargetType = TargetType.Ip,
            HealthCheckIntervalSeconds = 1,
        }));
        Assert.Equal("ValidationError", tooFast.Code);
        Assert.Contains("healthCheckIntervalSeconds", tooFast.Message, StringComparison.Ordinal);

        var badName = await Assert.ThrowsAsync<AwsServiceException>(() => client.CreateLoadBalancerAsync(new CreateLoadBalancerRequest { Name = "-bad" }));
        Assert.Equal("ValidationError", badName.Code);

        var noListener = await Assert.ThrowsAsync<AwsServiceException>(() => client.DeleteListenerAsync(new DeleteListenerRequest { ListenerArn = lb.ListenerArn + "0" }));
        Assert.Equal("ListenerNotFound", noListener.Code);

        var again = await client.CreateLoadBalancerAsync(new CreateLoadBalancerRequest { Name = "test-lb" });
        Assert.Equal(lb.LoadBalancerArn, again.LoadBalancers![0].LoadBalancerArn);

        await client.DeleteLoadBalancerAsync(new DeleteLoadBalancerRequest { LoadBalancerArn = lb.LoadBalancerArn });
        var gone = await Assert.ThrowsAsync<AwsServiceException>(() => client.DescribeLoadBalancersAsync(new DescribeLoadBalancersRequest { LoadBalancerArns = [lb.LoadBalancerArn] }));
        Assert.Equal("LoadBalancerNotFound", gone.Code);
        await client.DeleteTargetGroupAsync(new DeleteTargetGroupRequest { TargetGroupArn = lb.TargetGroupArn });
        Assert.Empty((await client.DescribeTargetGroupsAsync(new DescribeTargetGroupsRequest())).TargetGroups!);
    }

    [Fact]
    public void The_rule_and_attribute_shapes_match_aws_model()
    {
        var model = ElbModel.Load();

        ElbModel.AssertMatches(model, "CreateRule", Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.CreateRuleRequest, Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.CreateRuleResponse);
        ElbModel.AssertMatches(model, "DescribeRules", Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.DescribeRulesRequest, Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.DescribeRulesResponse);
        ElbModel.AssertMatches(model, "DeleteRule", Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.DeleteRuleRequest, Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.DeleteRuleResponse);
        ElbModel.AssertMatches(model, "DescribeLoadBalancerAttributes", Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.DescribeLoadBalancerAttributesRequest, Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.DescribeLoadBalancerAttributesResponse);
        ElbModel.AssertMatches(model, "ModifyLoadBalancerAttributes", Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.ModifyLoadBalancerAttributesRequest, Local.LoadBalancing.Wire.RuleShapesJsonContext.Default.ModifyLoadBalancerAttributesResponse);
        var wire = Local.LoadBalancing.Wire.RuleShapesJsonContext.Default;
        ElbModel.AssertMatches(model, "AddTags", wire.AddTagsRequest, wire.AddTagsResponse);
        ElbModel.AssertMatches(model, "RemoveTags", wire.RemoveTagsRequest, wire.RemoveTagsResponse);
        ElbModel.AssertMatches(model, "DescribeTags", wire.DescribeTagsRequest, wire.DescribeTagsResponse);
        ElbModel.AssertMatches(model, "SetSubnets", wire.SetSubnetsRequest, wire.SetSubnetsResponse);
        ElbModel.AssertMatches(model, "SetSecurityGroups", wire.SetSecurityGroupsRequest, wire.SetSecurityGroupsResponse);
        ElbModel.AssertMatches(model, "SetIpAddressType", wire.SetIpAddressTypeRequest, wire.SetIpAddressTypeResponse);
    }
}

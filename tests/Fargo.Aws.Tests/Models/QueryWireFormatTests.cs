using System.Xml.Linq;
using Fargo.Aws.CloudFormation;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.Shapes;

namespace Fargo.Aws.Tests.Models;

public sealed class QueryWireFormatTests
{
    private static ElasticLoadBalancingV2JsonContext Elb => ElasticLoadBalancingV2JsonContext.Default;

    [Fact]
    public void Lists_of_structures_become_member_N_parameters_in_order()
    {
        var request = new RegisterTargetsRequest
        {
            TargetGroupArn = "arn:tg",
            Targets = [new TargetDescription { Id = "10.0.0.1", Port = 8080 }, new TargetDescription { Id = "10.0.0.2", AvailabilityZone = "all" }],
        };

        var parameters = AwsQuerySerializer.Serialize(request, Elb.RegisterTargetsRequest);

        Assert.Equal(
            [
                new("TargetGroupArn", "arn:tg"),
                new("Targets.member.1.Id", "10.0.0.1"),
                new("Targets.member.1.Port", "8080"),
                new("Targets.member.2.Id", "10.0.0.2"),
                new("Targets.member.2.AvailabilityZone", "all"),
            ],
            parameters);
    }

    [Fact]
    public void Booleans_enums_and_empty_lists_follow_the_query_conventions()
    {
        var request = new CreateTargetGroupRequest
        {
            Name = "web",
            Protocol = ProtocolName.Http,
            HealthCheckEnabled = false,
            Matcher = new Matcher { HttpCode = "200-399" },
            Tags = [],
        };

        var parameters = AwsQuerySerializer.Serialize(request, Elb.CreateTargetGroupRequest).ToDictionary();

        Assert.Equal("HTTP", parameters["Protocol"]);
        Assert.Equal("false", parameters["HealthCheckEnabled"]);
        Assert.Equal("200-399", parameters["Matcher.HttpCode"]);
        Assert.Equal("", parameters["Tags"]);
        Assert.False(parameters.ContainsKey("Port"));
    }

    [Fact]
    public void Parameters_read_back_into_the_same_record()
    {
        var request = new ModifyTargetGroupAttributesRequest
        {
            TargetGroupArn = "arn:tg",
            Attributes =
            [
                new TargetGroupAttribute { Key = "deregistration_delay.timeout_seconds", Value = "30" },
                new TargetGroupAttribute { Key = "load_balancing.algorithm.type", Value = "least_outstanding_requests" },
            ],
        };

        var parameters = AwsQuerySerializer.Serialize(request, Elb.ModifyTargetGroupAttributesRequest);
        var back = AwsQuerySerializer.Deserialize(parameters.Reverse(), Elb.ModifyTargetGroupAttributesRequest);

        Assert.Equal(request.TargetGroupArn, back.TargetGroupArn);
        Assert.Equal(request.Attributes, back.Attributes);
    }

    [Fact]
    public void A_malformed_number_is_a_located_format_error()
    {
        KeyValuePair<string, string>[] parameters = [new("TargetGroupArn", "arn:tg"), new("Targets.member.1.Id", "i-1"), new("Targets.member.1.Port", "eighty")];

        var error = Assert.Throws<AwsShapeFormatException>(() => AwsQuerySerializer.Deserialize(parameters, Elb.RegisterTargetsRequest));

        Assert.Equal("Targets.member.1.Port", error.MemberPath);
    }

    [Fact]
    public void A_missing_required_member_is_a_format_error()
    {
        KeyValuePair<string, string>[] parameters = [new("Targets.member.1.Id", "i-1")];

        Assert.Throws<AwsShapeFormatException>(() => AwsQuerySerializer.Deserialize(parameters, Elb.RegisterTargetsRequest));
    }

    [Fact]
    public void Xml_results_are_read_by_local_name_with_lists_timestamps_and_enums()
    {
        var result = XElement.Parse("""
            <DescribeStacksResult xmlns="http://cloudformation.amazonaws.com/doc/2010-05-15/">
              <Stacks>
                <member>
                  <StackName>prod-env</StackName>
                  <StackId>arn:aws:cloudformation:us-east-1:123456789012:stack/prod-env/1</StackId>
                  <CreationTime>2024-05-01T10:20:30.123Z</CreationTime>
                  <StackStatus>UPDATE_COMPLETE</StackStatus>
                  <DisableRollback>false</DisableRollback>
                  <Outputs>
                    <member><OutputKey>Url</OutputKey><OutputValue>https://x</OutputValue></member>
                  </Outputs>
                  <Capabilities><member>CAPABILITY_IAM</member></Capabilities>
                </member>
              </Stacks>
            </DescribeStacksResult>
            """);

        var response = AwsXmlShapeSerializer.Read(result, CloudFormationJsonContext.Default.DescribeStacksResponse);

        var stack = Assert.Single(response.Stacks!);
        Assert.Equal("prod-env", stack.StackName);
        Assert.Equal(new DateTimeOffset(2024, 5, 1, 10, 20, 30, 123, TimeSpan.Zero), stack.CreationTime);
        Assert.Equal(StackStatus.UpdateComplete, stack.StackStatus);
        Assert.False(stack.DisableRollback);
        Assert.Equal("https://x", Assert.Single(stack.Outputs!).OutputValue);
        Assert.Equal([Capability.CapabilityIam], stack.Capabilities);
        Assert.Null(response.NextToken);
    }

    [Fact]
    public void Xml_written_for_a_record_reads_back_equal()
    {
        var response = new DescribeTargetHealthResponse
        {
            TargetHealthDescriptions =
            [
                new TargetHealthDescription
                {
                    Target = new TargetDescription { Id = "10.0.0.1", Port = 8080 },
                    HealthCheckPort = "8080",
                    TargetHealth = new TargetHealth { State = TargetHealthState.Unhealthy, Reason = TargetHealthReason.TargetResponseCodeMismatch, Description = "Health checks failed with these codes: [502]" },
                },
            ],
        };
        XNamespace ns = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

        var xml = AwsXmlShapeSerializer.Write(response, Elb.DescribeTargetHealthResponse, ns + "DescribeTargetHealthResult");
        var back = AwsXmlShapeSerializer.Read(xml, Elb.DescribeTargetHealthResponse);

        Assert.Equal("Target.ResponseCodeMismatch", xml.Descendants(ns + "Reason").Single().Value);
        var description = Assert.Single(back.TargetHealthDescriptions!);
        Assert.Equal(response.TargetHealthDescriptions[0].Target, description.Target);
        Assert.Equal(response.TargetHealthDescriptions[0].TargetHealth, description.TargetHealth);
    }
}

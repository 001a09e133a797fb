using System.Text;
using Fargo.Aws.Http;

namespace Fargo.Aws.Tests.Http;

public sealed class AwsErrorParserTests
{
    private static AwsServiceException Parse(AwsServiceDescription service, int status, string body, params (string, string)[] headers) =>
        AwsErrorParser.Parse(service, "Op", status, headers.Select(h => new KeyValuePair<string, string>(h.Item1, h.Item2)).ToList(), Encoding.UTF8.GetBytes(body));

    [Fact]
    public void A_json_error_gives_code_message_request_id_and_status()
    {
        var error = Parse(AwsServices.Ecs, 400, """{"__type":"ClientException","message":"Task definition does not exist."}""", ("x-amzn-RequestId", "r-1"));

        Assert.Equal(("ECS", "ClientException", "Task definition does not exist.", "r-1", 400, AwsErrorFault.Sender),
            (error.Service, error.Code, error.Message, error.RequestId, error.HttpStatus, error.Fault));
    }

    [Fact]
    public void A_coral_namespace_before_the_hash_is_removed_from_the_type()
    {
        var error = Parse(AwsServices.Ssm, 400, """{"__type":"com.amazon.coral.service#UnrecognizedClientException","message":"The security token included in the request is invalid."}""");

        Assert.Equal("UnrecognizedClientException", error.Code);
        Assert.Equal("The security token included in the request is invalid.", error.Message);
    }

    [Fact]
    public void The_x_amzn_ErrorType_header_names_the_error_and_its_url_suffix_is_dropped()
    {
        var error = Parse(AwsServices.CloudWatchLogs, 400, """{"Message":"Rate exceeded"}""",
            ("x-amzn-ErrorType", "ThrottlingException:http://internal.amazon.com/coral/com.amazon.coral.availability/"));

        Assert.Equal("ThrottlingException", error.Code);
        Assert.Equal("Rate exceeded", error.Message);
    }

    [Fact]
    public void A_json_error_without_a_message_still_has_one_to_show()
    {
        var error = Parse(AwsServices.Ssm, 400, """{"__type":"ParameterNotFound"}""");

        Assert.Equal("ParameterNotFound", error.Code);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_query_error_response_gives_type_code_message_and_request_id()
    {
        var error = Parse(AwsServices.ElasticLoadBalancingV2, 400, """
            <ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/">
              <Error>
                <Type>Sender</Type>
                <Code>LoadBalancerNotFound</Code>
                <Message>One or more load balancers not found</Message>
              </Error>
              <RequestId>c4d4f6a5-1e4d-4a8e-9d9b-000000000000</RequestId>
            </ErrorResponse>
            """);

        Assert.Equal(("Elastic Load Balancing v2", "LoadBalancerNotFound", "One or more load balancers not found", "c4d4f6a5-1e4d-4a8e-9d9b-000000000000", 400, AwsErrorFault.Sender),
            (error.Service, error.Code, error.Message, error.RequestId, error.HttpStatus, error.Fault));
    }

    [Fact]
    public void A_query_error_with_an_xml_declaration_and_receiver_fault_is_read()
    {
        var error = Parse(AwsServices.Sts, 503, """<?xml version="1.0" encoding="UTF-8"?><ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code><Message>Try later</Message></Error><RequestId>r-9</RequestId></ErrorResponse>""");

        Assert.Equal(("ServiceUnavailable", "Try later", "r-9", AwsErrorFault.Receiver), (error.Code, error.Message, error.RequestId, error.Fault));
    }

    [Fact]
    public void A_proxy_page_instead_of_an_aws_error_still_becomes_a_typed_error()
    {
        var error = Parse(AwsServices.Ecs, 502, "<html><body>502 Bad Gateway</body></html>");

        Assert.Equal(("InternalFailure", 502, AwsErrorFault.Receiver), (error.Code, error.HttpStatus, error.Fault));
        Assert.Contains("502 Bad Gateway", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_error_body_is_named_after_its_status()
    {
        var error = Parse(AwsServices.Ecs, 403, "");

        Assert.Equal("Http403", error.Code);
        Assert.Contains("403", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("com.amazon.coral.service#SerializationException", "SerializationException")]
    [InlineData("aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/", "FooError")]
    [InlineData("ValidationException", "ValidationException")]
    public void Error_types_are_normalized_like_the_sdks_do(string raw, string expected) =>
        Assert.Equal(expected, AwsErrorParser.NormalizeCode(raw));
}

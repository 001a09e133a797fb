using System.Net;
using System.Text;
using System.Text.Json;
using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Tests.Http;

namespace Fargo.Aws.Tests.Protocols;

public sealed class AwsJsonProtocolTests
{
    [Fact]
    public async Task A_call_is_a_post_to_root_with_the_json_content_type_target_and_body()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Ok("""{"clusterArns":["arn:aws:ecs:us-east-1:111122223333:cluster/default"],"nextToken":"t2"}"""));
        using var http = new AwsHttpClient(TestClients.Options(handler));
        var client = new AwsJsonProtocolClient(http);

        var response = await client.InvokeAsync(AwsServices.Ecs, "ListClusters", new ListClustersRequest(MaxResults: 10, NextToken: "t1"),
            TestJsonContext.Default.ListClustersRequest, TestJsonContext.Default.ListClustersResponse, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/", sent.Uri.AbsolutePath);
        Assert.Equal("application/x-amz-json-1.1", sent.Header("Content-Type"));
        Assert.Equal("AmazonEC2ContainerServiceV20141113.ListClusters", sent.Header("X-Amz-Target"));
        Assert.Equal("""{"maxResults":10,"nextToken":"t1"}""", sent.BodyText);
        Assert.StartsWith("AWS4-HMAC-SHA256 Credential=AKIATESTTESTTEST0001/", sent.Header("Authorization"), StringComparison.Ordinal);
        Assert.Contains("/us-east-1/ecs/aws4_request", sent.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal(["arn:aws:ecs:us-east-1:111122223333:cluster/default"], response.ClusterArns);
        Assert.Equal("t2", response.NextToken);
    }

    [Fact]
    public async Task Ecr_is_signed_as_ecr_though_its_endpoint_prefix_is_api_ecr()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Ok());
        using var http = new AwsHttpClient(TestClients.Options(handler));

        await new AwsJsonProtocolClient(http).InvokeAsync(AwsServices.Ecr, "DescribeRepositories", new ListClustersRequest(),
            TestJsonContext.Default.ListClustersRequest, TestJsonContext.Default.EmptyResponse, CancellationToken.None);

        Assert.Contains("/us-east-1/ecr/aws4_request", handler.Requests.Single().Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("AmazonEC2ContainerRegistry_V20150921.DescribeRepositories", handler.Requests.Single().Header("X-Amz-Target"));
    }

    [Fact]
    public async Task An_empty_success_body_reads_as_an_empty_response()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Json(HttpStatusCode.OK, ""));
        using var http = new AwsHttpClient(TestClients.Options(handler));

        var response = await new AwsJsonProtocolClient(http).InvokeAsync(AwsServices.CloudWatchLogs, "CreateLogGroup", new ListClustersRequest(),
            TestJsonContext.Default.ListClustersRequest, TestJsonContext.Default.ListClustersResponse, CancellationToken.None);

        Assert.Null(response.ClusterArns);
    }

    [Fact]
    public async Task A_malformed_success_body_is_a_protocol_error_naming_the_call()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Json(HttpStatusCode.OK, "{not json"));
        using var http = new AwsHttpClient(TestClients.Options(handler));

        var error = await Assert.ThrowsAsync<AwsProtocolException>(() => new AwsJsonProtocolClient(http).InvokeAsync(AwsServices.Ecs, "ListClusters",
            new ListClustersRequest(), TestJsonContext.Default.ListClustersRequest, TestJsonContext.Default.ListClustersResponse, CancellationToken.None));

        Assert.StartsWith("ECS ListClusters:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_service_cannot_be_called_over_json()
    {
        using var http = new AwsHttpClient(TestClients.Options(FakeHttpHandler.Sequence(() => Responses.Ok())));

        await Assert.ThrowsAsync<ArgumentException>(() => new AwsJsonProtocolClient(http).InvokeAsync(AwsServices.Sts, "GetCallerIdentity",
            new ListClustersRequest(), TestJsonContext.Default.ListClustersRequest, TestJsonContext.Default.EmptyResponse, CancellationToken.None));
    }

    // ---- server side ----

    private static AwsWireRequest Incoming(string? target, string body = "{}", string method = "POST") => new(
        method, "/", "",
        target is null ? [new("Content-Type", "application/x-amz-json-1.1")] : [new("Content-Type", "application/x-amz-json-1.1"), new("X-Amz-Target", target)],
        Encoding.UTF8.GetBytes(body));

    [Fact]
    public void The_server_reads_service_and_operation_from_the_target()
    {
        var parsed = AwsJsonServerProtocol.ParseRequest(Incoming("Logs_20140328.DescribeLogGroups", """{"limit":5}"""));

        Assert.True(parsed.IsSuccess);
        Assert.Same(AwsServices.CloudWatchLogs, parsed.Request!.Service);
        Assert.Equal("DescribeLogGroups", parsed.Request.Operation);
        Assert.Equal("""{"limit":5}""", Encoding.UTF8.GetString(parsed.Request.Body.Span));
    }

    [Theory]
    [InlineData("DynamoDB_20120810.ListTables")]
    [InlineData("AmazonSSM")]
    [InlineData("AmazonSSM.")]
    public void An_unknown_target_is_an_unknown_operation(string target)
    {
        var parsed = AwsJsonServerProtocol.ParseRequest(Incoming(target));

        Assert.Equal("com.amazon.coral.service#UnknownOperationException", parsed.Error?.Code);
        Assert.Equal(400, parsed.Error!.HttpStatus);
    }

    [Fact]
    public void A_request_without_a_target_is_an_unknown_operation()
    {
        Assert.Equal("com.amazon.coral.service#UnknownOperationException", AwsJsonServerProtocol.ParseRequest(Incoming(null)).Error?.Code);
        Assert.Equal("com.amazon.coral.service#UnknownOperationException", AwsJsonServerProtocol.ParseRequest(Incoming("AmazonSSM.GetParameter", method: "GET")).Error?.Code);
    }

    [Fact]
    public void A_body_that_is_not_the_expected_json_is_a_serialization_error()
    {
        var request = AwsJsonServerProtocol.ParseRequest(Incoming("AmazonEC2ContainerServiceV20141113.ListClusters", """{"maxResults":"ten"}""")).Request!;

        var body = request.ReadBody(TestJsonContext.Default.ListClustersRequest);

        Assert.Equal("com.amazon.coral.service#SerializationException", body.Error?.Code);
        Assert.Equal(10, AwsJsonServerProtocol.ParseRequest(Incoming("AmazonEC2ContainerServiceV20141113.ListClusters", """{"maxResults":10}"""))
            .Request!.ReadBody(TestJsonContext.Default.ListClustersRequest).Request!.MaxResults);
    }

    [Fact]
    public void A_success_response_has_the_json_content_type_request_id_and_body()
    {
        var response = AwsJsonServerProtocol.Success(new ListClustersResponse(["arn:1"]), TestJsonContext.Default.ListClustersResponse, "rid-1");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/x-amz-json-1.1", response.GetHeader("Content-Type"));
        Assert.Equal("rid-1", response.GetHeader("x-amzn-RequestId"));
        Assert.Equal("""{"clusterArns":["arn:1"]}""", Encoding.UTF8.GetString(response.Body.Span));
    }

    [Fact]
    public void An_error_response_has_aws_shape_and_omits_a_missing_message()
    {
        var withMessage = AwsJsonServerProtocol.Error(new AwsServerError("ClusterNotFoundException", "Cluster not found."), "rid-2");
        var withoutMessage = AwsJsonServerProtocol.Error(new AwsServerError("ParameterNotFound", null), "rid-3");

        Assert.Equal(400, withMessage.StatusCode);
        Assert.Equal("rid-2", withMessage.GetHeader("x-amzn-RequestId"));
        Assert.Equal("application/x-amz-json-1.1", withMessage.GetHeader("Content-Type"));
        Assert.Equal("""{"__type":"ClusterNotFoundException","message":"Cluster not found."}""", Encoding.UTF8.GetString(withMessage.Body.Span));
        Assert.Equal("""{"__type":"ParameterNotFound"}""", Encoding.UTF8.GetString(withoutMessage.Body.Span));
    }

    [Fact]
    public async Task A_server_error_reaches_the_client_as_the_same_typed_error()
    {
        var serverResponse = AwsJsonServerProtocol.Error(new AwsServerError("com.amazon.coral.service#UnknownOperationException", "Unknown operation X"), "rid-4");
        var handler = FakeHttpHandler.Sequence(() => ToHttp(serverResponse));
        using var http = new AwsHttpClient(TestClients.Options(handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new AwsJsonProtocolClient(http).InvokeAsync(AwsServices.Ecs, "X",
            new ListClustersRequest(), TestJsonContext.Default.ListClustersRequest, TestJsonContext.Default.EmptyResponse, CancellationToken.None));

        Assert.Equal(("UnknownOperationException", "Unknown operation X", "rid-4", 400), (error.Code, error.Message, error.RequestId, error.HttpStatus));
    }

    [Fact]
    public void Json_bodies_written_by_the_server_parse_as_json()
    {
        var response = AwsJsonServerProtocol.Error(new AwsServerError("ValidationException", "a \"quoted\" \n message"), "r");

        using var document = JsonDocument.Parse(response.Body);
        Assert.Equal("a \"quoted\" \n message", document.RootElement.GetProperty("message").GetString());
    }

    internal static HttpResponseMessage ToHttp(AwsWireResponse response)
    {
        var message = new HttpResponseMessage((HttpStatusCode)response.StatusCode) { Content = new ByteArrayContent(response.Body.ToArray()) };
        foreach (var (name, value) in response.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        return message;
    }
}

using System.Net;
using System.Text;
using System.Xml.Linq;
using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Tests.Http;

namespace Fargo.Aws.Tests.Protocols;

public sealed class AwsQueryProtocolTests
{
    private const string ElbNs = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    [Fact]
    public async Task A_call_posts_a_form_with_action_version_and_parameters_and_returns_the_result_element()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Xml(HttpStatusCode.OK, $"""
            <DescribeLoadBalancersResponse xmlns="{ElbNs}">
              <DescribeLoadBalancersResult>
                <LoadBalancers>
                  <member><LoadBalancerName>web</LoadBalancerName></member>
                  <member><LoadBalancerName>api</LoadBalancerName></member>
                </LoadBalancers>
              </DescribeLoadBalancersResult>
              <ResponseMetadata><RequestId>rid-elb</RequestId></ResponseMetadata>
            </DescribeLoadBalancersResponse>
            """));
        using var http = new AwsHttpClient(TestClients.Options(handler));
        var parameters = new AwsQueryParametersBuilder().AddList("Names", ["web", "my api"]).Add("PageSize", 2).Build();

        var result = await new AwsQueryProtocolClient(http).InvokeAsync(AwsServices.ElasticLoadBalancingV2, "DescribeLoadBalancers", parameters, CancellationToken.None);

        var sent = Assert.Single(handler.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("/", sent.Uri.AbsolutePath);
        Assert.Equal("application/x-www-form-urlencoded; charset=utf-8", sent.Header("Content-Type"));
        Assert.Null(sent.Header("X-Amz-Target"));
        Assert.Equal("Action=DescribeLoadBalancers&Version=2015-12-01&Names.member.1=web&Names.member.2=my%20api&PageSize=2", sent.BodyText);
        Assert.Contains("/us-east-1/elasticloadbalancing/aws4_request", sent.Header("Authorization"), StringComparison.Ordinal);
        Assert.Equal("DescribeLoadBalancersResult", result.Name.LocalName);
        Assert.Equal(["web", "api"], result.ListItems("LoadBalancers")!.Select(m => m.ChildText("LoadBalancerName")));
    }

    [Fact]
    public async Task An_action_without_output_gives_an_empty_result()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Xml(HttpStatusCode.OK,
            $"""<DeleteListenerResponse xmlns="{ElbNs}"><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></DeleteListenerResponse>"""));
        using var http = new AwsHttpClient(TestClients.Options(handler));

        var result = await new AwsQueryProtocolClient(http).InvokeAsync(AwsServices.ElasticLoadBalancingV2, "DeleteListener", [new("ListenerArn", "arn")], CancellationToken.None);

        Assert.Equal(XName.Get("DeleteListenerResult", ElbNs), result.Name);
        Assert.False(result.HasElements);
    }

    [Fact]
    public async Task A_response_for_another_action_is_a_protocol_error()
    {
        var handler = FakeHttpHandler.Sequence(() => Responses.Xml(HttpStatusCode.OK, "<SomethingElseResponse/>"));
        using var http = new AwsHttpClient(TestClients.Options(handler));

        await Assert.ThrowsAsync<AwsProtocolException>(() =>
            new AwsQueryProtocolClient(http).InvokeAsync(AwsServices.Sts, "GetCallerIdentity", [], CancellationToken.None));
    }

    [Fact]
    public async Task A_query_error_surfaces_as_the_typed_exception()
    {
        var server = AwsQueryServerProtocol.Error(AwsServices.CloudFormation, new AwsServerError("ValidationError", "Stack with id nope does not exist"), "rid-cfn");
        var handler = FakeHttpHandler.Sequence(() => AwsJsonProtocolTests.ToHttp(server));
        using var http = new AwsHttpClient(TestClients.Options(handler));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            new AwsQueryProtocolClient(http).InvokeAsync(AwsServices.CloudFormation, "DescribeStacks", [new("StackName", "nope")], CancellationToken.None));

        Assert.Equal(("CloudFormation", "DescribeStacks", "ValidationError", "Stack with id nope does not exist", "rid-cfn", 400, AwsErrorFault.Sender),
            (error.Service, error.Operation, error.Code, error.Message, error.RequestId, error.HttpStatus, error.Fault));
    }

    // ---- serialization conventions ----

    [Fact]
    public void Lists_of_structures_maps_and_scalars_follow_the_query_conventions()
    {
        var parameters = new AwsQueryParametersBuilder()
            .Add("TargetGroupArn", "arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/abc")
            .AddList("Attributes", [("deregistration_delay.timeout_seconds", "30"), ("stickiness.enabled", "false")], (b, prefix, attribute) =>
            {
                b.Add(AwsQueryParametersBuilder.Member(prefix, "Key"), attribute.Item1);
                b.Add(AwsQueryParametersBuilder.Member(prefix, "Value"), attribute.Item2);
            })
            .AddMap("Tags", [new KeyValuePair<string, string>("env", "qa"), new("team", "web")])
            .Add("Enabled", true)
            .Add("Missing", (string?)null)
            .Add("Since", new DateTimeOffset(2024, 5, 1, 12, 30, 0, TimeSpan.FromHours(2)))
            .Build();

        Assert.Equal(
            [
                "TargetGroupArn=arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/web/abc",
                "Attributes.member.1.Key=deregistration_delay.timeout_seconds",
                "Attributes.member.1.Value=30",
                "Attributes.member.2.Key=stickiness.enabled",
                "Attributes.member.2.Value=false",
                "Tags.entry.1.key=env",
                "Tags.entry.1.value=qa",
                "Tags.entry.2.key=team",
                "Tags.entry.2.value=web",
                "Enabled=true",
                "Since=2024-05-01T10:30:00Z",
            ],
            parameters.Select(p => $"{p.Key}={p.Value}"));
    }

    [Fact]
    public void An_empty_list_is_sent_as_an_empty_value_and_a_null_list_not_at_all()
    {
        var parameters = new AwsQueryParametersBuilder().AddList("Names", []).AddList("Other", null).Build();

        Assert.Equal([new KeyValuePair<string, string>("Names", "")], parameters);
    }

    [Fact]
    public void Timestamps_with_fractions_keep_microseconds()
    {
        Assert.Equal("2024-05-01T10:30:00.123456Z",
            AwsQueryParametersBuilder.FormatTimestamp(new DateTimeOffset(2024, 5, 1, 10, 30, 0, TimeSpan.Zero).AddTicks(1_234_560)));
    }

    [Fact]
    public void Form_encoding_escapes_everything_but_unreserved_characters()
    {
        var form = AwsQueryForm.Encode([new("Path", "/todo-api/DB pass+word&x=ü~._-")]);

        Assert.Equal("Path=%2Ftodo-api%2FDB%20pass%2Bword%26x%3D%C3%BC~._-", form);
        Assert.Equal([new KeyValuePair<string, string>("Path", "/todo-api/DB pass+word&x=ü~._-")], AwsQueryForm.Decode(form));
    }

    [Fact]
    public void Form_decoding_reads_plus_as_space_and_bare_names_as_empty()
    {
        Assert.Equal(
            [new KeyValuePair<string, string>("a", "b c"), new("flag", ""), new("d", "1+1")],
            AwsQueryForm.Decode("a=b+c&flag&&d=1%2B1"));
    }

    // ---- server side ----

    private static AwsWireRequest IncomingForm(string form, string query = "") => new(
        "POST", "/", query, [new("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")], Encoding.UTF8.GetBytes(form));

    [Fact]
    public void The_server_reads_action_version_and_nested_parameters()
    {
        var form = AwsQueryForm.Encode(new AwsQueryParametersBuilder()
            .Add("Action", "ModifyTargetGroupAttributes").Add("Version", "2015-12-01")
            .AddList("Attributes", [("deregistration_delay.timeout_seconds", "30")], (b, p, a) => b.Add(p + ".Key", a.Item1).Add(p + ".Value", a.Item2))
            .AddList("Names", ["a", "b c"])
            .AddList("Empty", [])
            .AddMap("Tags", [new KeyValuePair<string, string>("env", "qa")])
            .Add("Count", 3).Add("On", false)
            .Build());

        var parsed = AwsQueryServerProtocol.ParseRequest(IncomingForm(form));

        Assert.True(parsed.IsSuccess);
        var (action, version, parameters) = parsed.Request!;
        Assert.Equal(("ModifyTargetGroupAttributes", "2015-12-01"), (action, version));
        var attributes = parameters.GetListItemPrefixes("Attributes")!;
        Assert.Equal(["Attributes.member.1"], attributes);
        Assert.Equal("deregistration_delay.timeout_seconds", parameters.Get(attributes[0] + ".Key"));
        Assert.Equal(["a", "b c"], parameters.GetStringList("Names"));
        Assert.Empty(parameters.GetStringList("Empty")!);
        Assert.Null(parameters.GetStringList("Absent"));
        Assert.Equal("qa", parameters.GetStringMap("Tags")!["env"]);
        Assert.Equal(3, parameters.GetInt32("Count"));
        Assert.False(parameters.GetBoolean("On"));
        Assert.Throws<FormatException>(() => parameters.GetBoolean("Count"));
    }

    [Fact]
    public void Parameters_in_the_query_string_count_too()
    {
        var parsed = AwsQueryServerProtocol.ParseRequest(new AwsWireRequest("GET", "/", "Action=GetCallerIdentity&Version=2011-06-15", [], ReadOnlyMemory<byte>.Empty));

        Assert.Equal("GetCallerIdentity", parsed.Request!.Action);
    }

    [Fact]
    public void A_request_without_an_action_is_rejected()
    {
        var parsed = AwsQueryServerProtocol.ParseRequest(IncomingForm("Version=2011-06-15"));

        Assert.Equal(new AwsServerError("MissingAction", "Missing Action", 400), parsed.Error);
    }

    [Fact]
    public void A_success_response_is_the_action_response_envelope_in_the_service_namespace()
    {
        var response = AwsQueryServerProtocol.Success(AwsServices.Sts, "GetCallerIdentity",
            [
                AwsQueryXml.Element("Arn", "arn:aws:iam::000000000000:user/fargo"),
                AwsQueryXml.Element("UserId", "AIDAFARGO"),
                AwsQueryXml.Element("Account", "000000000000"),
                AwsQueryXml.Element("Absent", null),
            ],
            "rid-sts");

        Assert.Equal(200, response.StatusCode);
        Assert.Equal("text/xml", response.GetHeader("Content-Type"));
        Assert.Equal("rid-sts", response.GetHeader("x-amzn-RequestId"));
        Assert.Equal(
            """<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::000000000000:user/fargo</Arn><UserId>AIDAFARGO</UserId><Account>000000000000</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>rid-sts</RequestId></ResponseMetadata></GetCallerIdentityResponse>""",
            Encoding.UTF8.GetString(response.Body.Span));
    }

    [Fact]
    public void An_error_response_is_an_error_response_envelope()
    {
        var response = AwsQueryServerProtocol.Error(AwsServices.ElasticLoadBalancingV2, new AwsServerError("TargetGroupNotFound", "One or more target groups not found"), "rid-e");

        Assert.Equal(400, response.StatusCode);
        Assert.Equal(
            """<ErrorResponse xmlns="http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/"><Error><Type>Sender</Type><Code>TargetGroupNotFound</Code><Message>One or more target groups not found</Message></Error><RequestId>rid-e</RequestId></ErrorResponse>""",
            Encoding.UTF8.GetString(response.Body.Span));
    }

    [Fact]
    public void An_unknown_action_is_invalid_action()
    {
        Assert.Equal(new AwsServerError("InvalidAction", "Could not find operation Frobnicate for version 2011-06-15", 400),
            AwsQueryServerProtocol.InvalidAction("Frobnicate", "2011-06-15"));
    }

    [Fact]
    public async Task What_the_server_writes_the_client_reads_lists_maps_numbers_and_timestamps_included()
    {
        var created = new DateTimeOffset(2024, 5, 1, 12, 0, 0, 960, TimeSpan.Zero);
        var server = AwsQueryServerProtocol.Success(AwsServices.ElasticLoadBalancingV2, "DescribeTargetGroups",
            [
                AwsQueryXml.List("TargetGroups", new[] { ("web", 8080) }, tg => new[]
                {
                    AwsQueryXml.Element("TargetGroupName", tg.Item1),
                    AwsQueryXml.Element("Port", tg.Item2),
                    AwsQueryXml.Element("HealthCheckEnabled", true),
                    AwsQueryXml.StringList("LoadBalancerArns", ["arn:lb"]),
                    AwsQueryXml.StringMap("Labels", [new KeyValuePair<string, string>("k", "v")]),
                    AwsQueryXml.Element("CreatedTime", created),
                }),
            ],
            "rid-tg");
        var handler = FakeHttpHandler.Sequence(() => AwsJsonProtocolTests.ToHttp(server));
        using var http = new AwsHttpClient(TestClients.Options(handler));

        var result = await new AwsQueryProtocolClient(http).InvokeAsync(AwsServices.ElasticLoadBalancingV2, "DescribeTargetGroups", [], CancellationToken.None);

        var group = Assert.Single(result.ListItems("TargetGroups")!);
        Assert.Equal("web", group.ChildText("TargetGroupName"));
        Assert.Equal(8080, group.ChildInt32("Port"));
        Assert.True(group.ChildBoolean("HealthCheckEnabled"));
        Assert.Equal(["arn:lb"], group.StringList("LoadBalancerArns"));
        Assert.Equal("v", group.StringMap("Labels")!["k"]);
        Assert.Equal(created, group.ChildTimestamp("CreatedTime"));
        Assert.Equal("2024-05-01T12:00:00.960Z", group.ChildText("CreatedTime"));
    }
}

using System.Text;
using System.Text.Json.Nodes;
using Fargo.Aws.CloudWatchLogs;
using Fargo.Aws.Credentials;
using Fargo.Aws.Ecs;
using Fargo.Aws.ElasticLoadBalancingV2;
using Fargo.Aws.Iam;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Http;
using Fargo.Aws.Tests.AwsCli;

namespace Fargo.Aws.Tests.Clients;

public sealed class PaginationTests
{
    private const string ElbNamespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    [Fact]
    public async Task ListClusters_pages_follow_nextToken_until_there_is_none()
    {
        await using var server = new CaptureServer(request => (string?)JsonBody(request)["nextToken"] switch
        {
            null => Canned.Json("""{"clusterArns":["a","b"],"nextToken":"t1"}"""),
            "t1" => Canned.Json("""{"clusterArns":["c"],"nextToken":"t2"}"""),
            "t2" => Canned.Json("""{"clusterArns":["d"]}"""),
            var other => throw new InvalidOperationException("unexpected token " + other),
        });
        using var http = Client(server);

        var arns = new List<string>();
        await foreach (var page in new EcsClient(http).ListClustersPagesAsync(new ListClustersRequest { MaxResults = 2 }))
        {
            arns.AddRange(page.ClusterArns!);
        }

        Assert.Equal(["a", "b", "c", "d"], arns);
        var sent = server.TakeRequests().Select(JsonBody).ToList();
        Assert.Equal([null, "t1", "t2"], sent.Select(body => (string?)body["nextToken"]));
        Assert.All(sent, body => Assert.Equal(2, (int)body["maxResults"]!));
    }

    [Fact]
    public async Task GetLogEvents_pages_end_when_the_service_returns_the_token_it_was_sent()
    {
        await using var server = new CaptureServer(request => (string?)JsonBody(request)["nextToken"] switch
        {
            null => Canned.Json("""{"events":[{"timestamp":1,"message":"one","ingestionTime":2}],"nextForwardToken":"f/1","nextBackwardToken":"b/0"}"""),
            "f/1" => Canned.Json("""{"events":[{"timestamp":3,"message":"two","ingestionTime":4}],"nextForwardToken":"f/2","nextBackwardToken":"b/1"}"""),
            _ => Canned.Json("""{"events":[],"nextForwardToken":"f/2","nextBackwardToken":"b/2"}"""),
        });
        using var http = Client(server);

        var messages = new List<string>();
        var pages = 0;
        await foreach (var page in new CloudWatchLogsClient(http).GetLogEventsPagesAsync(
            new GetLogEventsRequest { LogGroupName = "/g", LogStreamName = "s", StartFromHead = true }))
        {
            pages++;
            messages.AddRange(page.Events!.Select(e => e.Message!));
        }

        Assert.Equal(["one", "two"], messages);
        Assert.Equal(3, pages);
        Assert.Equal(3, server.TakeRequests().Count);
    }

    [Fact]
    public async Task DescribeLoadBalancers_pages_follow_Marker_and_NextMarker_over_the_query_protocol()
    {
        await using var server = new CaptureServer(request => FormBody(request).GetValueOrDefault("Marker") switch
        {
            null => Elb("<LoadBalancers><member><LoadBalancerName>one</LoadBalancerName></member></LoadBalancers><NextMarker>m2</NextMarker>"),
            "m2" => Elb("<LoadBalancers><member><LoadBalancerName>two</LoadBalancerName></member></LoadBalancers>"),
            var other => throw new InvalidOperationException("unexpected marker " + other),
        });
        using var http = Client(server);

        var names = new List<string>();
        await foreach (var page in new ElasticLoadBalancingV2Client(http).DescribeLoadBalancersPagesAsync(new DescribeLoadBalancersRequest { PageSize = 1 }))
        {
            names.AddRange(page.LoadBalancers!.Select(lb => lb.LoadBalancerName!));
        }

        Assert.Equal(["one", "two"], names);
        var sent = server.TakeRequests().Select(FormBody).ToList();
        Assert.Equal([null, "m2"], sent.Select(form => form.GetValueOrDefault("Marker")));
        Assert.All(sent, form => Assert.Equal("1", form["PageSize"]));
    }

    [Fact]
    public async Task SimulatePrincipalPolicy_pages_follow_Marker_while_IsTruncated()
    {
        // The last page may still carry a Marker: IsTruncated false ends the listing all the same.
        await using var server = new CaptureServer(request => FormBody(request).GetValueOrDefault("Marker") switch
        {
            null => Simulation("ecs:UpdateService", "<IsTruncated>true</IsTruncated><Marker>m2</Marker>"),
            "m2" => Simulation("ecs:TagResource", "<IsTruncated>false</IsTruncated><Marker>m3</Marker>"),
            var other => throw new InvalidOperationException("unexpected marker " + other),
        });
        using var http = Client(server);

        var actions = new List<string>();
        await foreach (var page in new IamClient(http).SimulatePrincipalPolicyPagesAsync(
            new SimulatePrincipalPolicyRequest { PolicySourceArn = "arn:aws:iam::123456789012:role/deploy", ActionNames = ["ecs:UpdateService", "ecs:TagResource"], MaxItems = 1 }))
        {
            actions.AddRange(page.EvaluationResults!.Select(r => r.EvalActionName));
        }

        Assert.Equal(["ecs:UpdateService", "ecs:TagResource"], actions);
        var sent = server.TakeRequests().Select(FormBody).ToList();
        Assert.Equal([null, "m2"], sent.Select(form => form.GetValueOrDefault("Marker")));
        Assert.All(sent, form => Assert.Equal(("SimulatePrincipalPolicy", "1", "ecs:TagResource"), (form["Action"], form["MaxItems"], form["ActionNames.member.2"])));
    }

    [Fact]
    public async Task A_global_endpoint_s_signing_region_is_the_one_requests_are_signed_for()
    {
        await using var server = new CaptureServer(_ => Simulation("ecs:UpdateService", "<IsTruncated>false</IsTruncated>"));
        using var http = new AwsHttpClient(new AwsClientOptions
        {
            Region = "eu-west-1",
            Credentials = new StaticAwsCredentialsProvider(new AwsCredentials("AKIDPAGING", "secret")),
            Endpoints = new GlobalAt(server.Endpoint, "us-east-1"),
        });

        await new IamClient(http).SimulatePrincipalPolicyAsync(new SimulatePrincipalPolicyRequest { PolicySourceArn = "arn:aws:iam::123456789012:role/deploy", ActionNames = ["ecs:UpdateService"] });

        var authorization = Assert.Single(server.TakeRequests()).GetHeader("Authorization")!;
        Assert.Contains("/us-east-1/iam/aws4_request", authorization, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Paging_stops_when_cancelled_between_pages()
    {
        // An endless listing: every page hands out a new token.
        await using var server = new CaptureServer(request =>
            Canned.Json($$"""{"serviceArns":["s"],"nextToken":"{{(string?)JsonBody(request)["nextToken"]}}+"}"""));
        using var http = Client(server);
        using var cancellation = new CancellationTokenSource();

        var pages = 0;
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var page in new EcsClient(http).ListServicesPagesAsync(new ListServicesRequest { Cluster = "c" }, cancellation.Token))
            {
                if (++pages == 2)
                {
                    await cancellation.CancelAsync();
                }
            }
        });

        Assert.Equal(2, pages);
    }

    [Fact]
    public async Task An_AWS_error_reaches_the_caller_as_a_typed_exception()
    {
        await using var server = new CaptureServer(_ => new CannedResponse(400, "application/x-amz-json-1.1",
            """{"__type":"com.amazonaws.ecs#ClusterNotFoundException","message":"Cluster not found."}"""));
        using var http = Client(server);

        var error = await Assert.ThrowsAsync<AwsServiceException>(() =>
            new EcsClient(http).DescribeServicesAsync(new DescribeServicesRequest { Cluster = "nope", Services = ["web"] }));

        Assert.Equal("ClusterNotFoundException", error.Code);
        Assert.Equal("Cluster not found.", error.Message);
        Assert.Equal(400, error.HttpStatus);
        Assert.Equal("DescribeServices", error.Operation);
    }

    private static AwsHttpClient Client(CaptureServer server) => new(new AwsClientOptions
    {
        Region = "us-east-1",
        Credentials = new StaticAwsCredentialsProvider(new AwsCredentials("AKIDPAGING", "secret")),
        Endpoints = AwsEndpointResolver.Fixed(server.Endpoint),
    });

    private static JsonObject JsonBody(AwsWireRequest request) => JsonNode.Parse(request.Body.Span)!.AsObject();

    private static Dictionary<string, string> FormBody(AwsWireRequest request) =>
        Encoding.UTF8.GetString(request.Body.Span).Split('&')
            .Select(pair => pair.Split('=', 2))
            .ToDictionary(kv => Uri.UnescapeDataString(kv[0]), kv => Uri.UnescapeDataString(kv[1]));

    private static CannedResponse Simulation(string action, string paging) =>
        new(200, "text/xml", $"""
            <SimulatePrincipalPolicyResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/">
              <SimulatePrincipalPolicyResult>
                <EvaluationResults><member><EvalActionName>{action}</EvalActionName><EvalResourceName>*</EvalResourceName><EvalDecision>allowed</EvalDecision></member></EvaluationResults>
                {paging}
              </SimulatePrincipalPolicyResult>
              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </SimulatePrincipalPolicyResponse>
            """);

    /// <summary>A global service's endpoint, as AWS's public one resolves, but on the capture server.</summary>
    private sealed class GlobalAt(Uri endpoint, string signingRegion) : IAwsEndpointResolver
    {
        public AwsResolvedEndpoint Resolve(AwsServiceDescription service, string region) => new(endpoint, AwsEndpointSource.Default, signingRegion);
    }

    private static CannedResponse Elb(string resultMembers) =>
        new(200, "text/xml", $"""
            <DescribeLoadBalancersResponse xmlns="{ElbNamespace}">
              <DescribeLoadBalancersResult>{resultMembers}</DescribeLoadBalancersResult>
              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </DescribeLoadBalancersResponse>
            """);
}

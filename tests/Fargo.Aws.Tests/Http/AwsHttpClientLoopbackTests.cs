using System.Text;
using Fargo.Aws.Credentials;
using Fargo.Aws.Endpoints;
using Fargo.Aws.Http;
using Fargo.Aws.Protocols;
using Fargo.Aws.Signing;
using Fargo.Aws.Tests.Credentials;
using Fargo.Aws.Tests.Protocols;

namespace Fargo.Aws.Tests.Http;

/// <summary>
/// The client over a real socket against a loopback server that verifies signatures and answers with the server-side
/// protocol helpers, as the local region does: what HttpClient actually puts on the wire must verify.
/// </summary>
public sealed class AwsHttpClientLoopbackTests
{
    private static readonly AwsCredentials Keys = new("AKIALOOPBACK00000001", "loopback-secret", "loopback-token");

    private static AwsWireResponse Serve(AwsWireRequest request, List<AwsWireRequest> seen)
    {
        lock (seen)
        {
            seen.Add(request);
        }
        var scope = SigV4CredentialScope.TryRead(request);
        var service = scope is null ? null : AwsServices.FindBySigningName(scope.Service);
        var verdict = new SigV4Verifier(key => key == Keys.AccessKeyId ? Keys : null, TimeProvider.System).Verify(request, "eu-west-1", scope?.Service ?? "");
        if (service is null || !verdict.IsValid)
        {
            return AwsJsonServerProtocol.Error(verdict.Failure?.ToError(AwsProtocol.Json11) ?? new AwsServerError("MissingAuthenticationTokenException", "Missing Authentication Token"), "rid");
        }
        if (AwsServerProtocol.Detect(request) == AwsProtocol.Json11)
        {
            var call = AwsJsonServerProtocol.ParseRequest(request).Request!;
            return AwsJsonServerProtocol.Success(Encoding.UTF8.GetBytes($$"""{"clusterArns":["{{call.Operation}}"]}"""), "rid-json");
        }
        var query = AwsQueryServerProtocol.ParseRequest(request).Request!;
        return AwsQueryServerProtocol.Success(service, query.Action, [AwsQueryXml.Element("Account", query.Parameters.Get("Marker") ?? "none")], "rid-query");
    }

    private static AwsHttpClient Client(Uri endpoint, IAwsCredentialsProvider? credentials = null) => new(new AwsClientOptions
    {
        Region = "eu-west-1",
        Credentials = credentials ?? new StaticAwsCredentialsProvider(Keys),
        Endpoints = AwsEndpointResolver.Fixed(endpoint),
        Retry = TestClients.FastRetry(maxAttempts: 1),
    });

    [Fact]
    public async Task Json_and_query_calls_over_a_socket_verify_and_read_the_servers_answers()
    {
        var seen = new List<AwsWireRequest>();
        await using var server = new LoopbackAwsServer(request => Serve(request, seen));
        using var http = Client(server.Url);

        var json = await new AwsJsonProtocolClient(http).InvokeAsync(AwsServices.Ecs, "ListClusters", new ListClustersRequest(MaxResults: 1),
            TestJsonContext.Default.ListClustersRequest, TestJsonContext.Default.ListClustersResponse, CancellationToken.None);
        var query = await new AwsQueryProtocolClient(http).InvokeAsync(AwsServices.Sts, "GetCallerIdentity", [new("Marker", "a b/ü")], CancellationToken.None);

        Assert.Equal(["ListClusters"], json.ClusterArns);
        Assert.Equal("a b/ü", query.ChildText("Account"));
        Assert.Equal(2, seen.Count);
    }

    [Fact]
    public async Task A_wrong_secret_is_refused_over_the_socket_with_the_verifiers_error()
    {
        var seen = new List<AwsWireRequest>();
        await using var server = new LoopbackAwsServer(request => Serve(request, seen));
        using var http = Client(server.Url, new StaticAwsCredentialsProvider(new AwsCredentials(Keys.AccessKeyId, "wrong-secret", Keys.SessionToken)));

        var error = await Assert.ThrowsAsync<AwsServiceException>(() => new AwsJsonProtocolClient(http).InvokeAsync(AwsServices.Ecs, "ListClusters",
            new ListClustersRequest(), TestJsonContext.Default.ListClustersRequest, TestJsonContext.Default.ListClustersResponse, CancellationToken.None));

        Assert.Equal(("InvalidSignatureException", 400), (error.Code, error.HttpStatus));
        Assert.Equal(SigV4Verifier.SignatureMismatchMessage, error.Message);
    }

    [Fact]
    public async Task A_closed_port_is_a_transport_error_naming_the_endpoint()
    {
        Uri closed;
        await using (var server = new LoopbackAwsServer(_ => throw new InvalidOperationException()))
        {
            closed = server.Url;
        }
        using var http = Client(closed);

        var error = await Assert.ThrowsAsync<AwsTransportException>(() => new AwsQueryProtocolClient(http).InvokeAsync(AwsServices.Sts, "GetCallerIdentity", [], CancellationToken.None));

        Assert.Equal(closed, error.Endpoint);
        Assert.StartsWith($"Could not reach STS at {closed}", error.Message, StringComparison.Ordinal);
    }
}

using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Fargo.Deploy.Images.Registry;
using Fargo.Deploy.Targets;

namespace Fargo.Deploy.Tests.Images;

/// <summary>
/// The Registry API client's behaviour a user would notice: which registry an environment's images live in, ECR's
/// credentials (never shown), what a manifest references, redirects (credentials never follow them off the registry),
/// authentication failures explained, and copies checked against their digests. HTTP goes to an in-process handler:
/// nothing leaves the machine.
/// </summary>
public sealed class RegistryClientTests
{
    private static readonly Uri LocalRegistry = new("http://127.0.0.1:4599/");

    [Theory]
    [InlineData("111111111111", "us-east-1", "https://111111111111.dkr.ecr.us-east-1.amazonaws.com/")]
    [InlineData("222222222222", "eu-west-3", "https://222222222222.dkr.ecr.eu-west-3.amazonaws.com/")]
    [InlineData("333333333333", "cn-north-1", "https://333333333333.dkr.ecr.cn-north-1.amazonaws.com.cn/")]
    public void An_AWS_environment_uses_its_accounts_ECR_registry_in_its_region(string account, string region, string expected)
    {
        var environment = new TargetEnvironment("prod", false, account, region, true);

        Assert.Equal(new Uri(expected), RegistryEndpoints.Of(environment, localRegionEndpoint: LocalRegistry));
    }

    [Fact]
    public void A_local_environment_uses_the_registry_of_the_local_region_it_is_connected_to()
    {
        var first = RegistryEndpoints.Of(TargetEnvironment.Local("qa"), new Uri("http://127.0.0.1:4599/"));
        var second = RegistryEndpoints.Of(TargetEnvironment.Local("prod"), new Uri("http://127.0.0.1:4600/"));

        Assert.Equal(new Uri("http://127.0.0.1:4599/"), first);
        Assert.False(RegistryEndpoints.Same(first, second));
        Assert.True(RegistryEndpoints.Same(first, new Uri("http://127.0.0.1:4599/v2/")));
        Assert.Throws<ArgumentException>(() => RegistryEndpoints.Of(TargetEnvironment.Local("qa"), null));
    }

    [Fact]
    public void An_ECR_token_becomes_Basic_credentials_that_are_never_shown()
    {
        var token = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:very-secret-password"));

        var credentials = RegistryCredentials.FromEcrToken(token);

        Assert.Equal("AWS", credentials.User);
        Assert.DoesNotContain("very-secret", credentials.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(token, credentials.ToString(), StringComparison.Ordinal);
        Assert.Throws<DeployException>(() => RegistryCredentials.FromEcrToken("not base64 at all!"));
        Assert.Throws<DeployException>(() => RegistryCredentials.FromEcrToken(Convert.ToBase64String("no-colon"u8.ToArray())));
    }

    [Fact]
    public void A_Docker_manifest_references_its_config_and_layers_but_not_foreign_layers()
    {
        var manifest = """
            {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
             "config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":7023,"digest":"sha256:aaaa"},
             "layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":32654,"digest":"sha256:bbbb"},
                       {"mediaType":"application/vnd.docker.image.rootfs.foreign.diff.tar.gzip","size":5,"digest":"sha256:cccc","urls":["https://example.invalid/"]}]}
            """u8;

        var content = ManifestReferences.Read(manifest, ManifestReferences.DockerManifest);

        Assert.Empty(content.Manifests);
        Assert.Equal(["sha256:aaaa", "sha256:bbbb"], content.Blobs.Select(b => b.Digest));
        Assert.Equal([7023L, 32654L], content.Blobs.Select(b => b.Size!.Value));
    }

    [Fact]
    public void An_index_references_its_child_manifests_and_an_artifact_manifest_its_files()
    {
        var index = """
            {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":100,"digest":"sha256:1111","platform":{"architecture":"amd64","os":"linux"}},
              {"mediaType":"application/vnd.oci.image.manifest.v1+json","size":101,"digest":"sha256:2222","platform":{"architecture":"arm64","os":"linux"}}]}
            """u8;
        var artifact = "fargo-artifact-v1\nd\tbin\nf\t755\t3\t" + new string('a', 64) + "\tbin/run\nl\tcurrent\tbin/run\nf\t644\t3\t" + new string('a', 64) + "\tcopy\n";

        var children = ManifestReferences.Read(index, ManifestReferences.OciIndex);
        var files = ManifestReferences.Read(Encoding.UTF8.GetBytes(artifact), ManifestReferences.FargoArtifactManifest);

        Assert.Equal(["sha256:1111", "sha256:2222"], children.Manifests.Select(m => m.Digest));
        Assert.Empty(children.Blobs);
        Assert.Equal(["sha256:" + new string('a', 64)], files.Blobs.Select(b => b.Digest));
        Assert.Throws<DeployException>(() => ManifestReferences.Read("{}"u8, "application/vnd.docker.distribution.manifest.v1+prettyjws"));
    }

    [Fact]
    public async Task A_blob_download_follows_a_redirect_without_taking_the_registry_credentials_along()
    {
        var content = Encoding.UTF8.GetBytes("layer bytes");
        var handler = new FakeRegistry(request => request.RequestUri!.Port switch
        {
            4599 => Redirect("http://127.0.0.2:9000/bucket/layer?X-Amz-Signature=abc"),
            _ => new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(content) },
        });
        using var client = new RegistryClient(LocalRegistry, Credentials(), handler);

        using var response = await client.GetBlobAsync("shop", Digest(content), CancellationToken.None);

        Assert.Equal(content, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(2, handler.Requests.Count);
        Assert.Equal("Basic", handler.Requests[0].Authorization?.Scheme);
        Assert.Null(handler.Requests[1].Authorization);
        Assert.Equal("127.0.0.2", handler.Requests[1].Url.Host);
    }

    [Fact]
    public async Task A_registry_that_asks_for_a_bearer_token_is_explained()
    {
        var handler = new FakeRegistry(_ =>
        {
            var response = new HttpResponseMessage(HttpStatusCode.Unauthorized)
            {
                Content = new StringContent("""{"errors":[{"code":"UNAUTHORIZED","message":"authentication required"}]}"""),
            };
            response.Headers.WwwAuthenticate.Add(new AuthenticationHeaderValue("Bearer", "realm=\"https://auth.example.invalid/token\""));
            return response;
        });
        using var client = new RegistryClient(LocalRegistry, Credentials(), handler);

        var error = await Assert.ThrowsAsync<RegistryException>(() => client.CheckAsync(CancellationToken.None));

        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);
        Assert.Contains("UNAUTHORIZED: authentication required", error.Message, StringComparison.Ordinal);
        Assert.Contains("asks for Bearer authentication", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Content_that_does_not_match_its_digest_is_not_completed_in_chunks()
    {
        var handler = new FakeRegistry(request => request.Method.Method switch
        {
            "POST" => Accepted("/v2/shop/blobs/uploads/u1"),
            "PATCH" => Accepted("/v2/shop/blobs/uploads/u1"),
            "DELETE" => new HttpResponseMessage(HttpStatusCode.NoContent),
            _ => new HttpResponseMessage(HttpStatusCode.Created),
        });
        using var client = new RegistryClient(LocalRegistry, Credentials(), handler);
        using var served = new MemoryStream(new byte[RegistryClient.ChunkSize + 10]);

        var error = await Assert.ThrowsAsync<DeployException>(() =>
            client.UploadBlobAsync("shop", "sha256:" + new string('0', 64), size: null, served, CancellationToken.None));

        Assert.Contains("the source registry served other content than its digest names", error.Message, StringComparison.Ordinal);
        Assert.Equal(["POST", "PATCH", "PATCH", "DELETE"], handler.Requests.Select(r => r.Method));
        Assert.Equal(["0-8388607", "8388608-8388617"], handler.Requests.Where(r => r.Method == "PATCH").Select(r => r.ContentRange));
    }

    [Fact]
    public async Task A_small_blob_goes_up_in_one_PUT_with_its_digest()
    {
        var content = Encoding.UTF8.GetBytes("small file");
        var handler = new FakeRegistry(request => request.Method.Method switch
        {
            "POST" => Accepted("/v2/shop/blobs/uploads/u2?state=x"),
            _ => new HttpResponseMessage(HttpStatusCode.Created),
        });
        using var client = new RegistryClient(LocalRegistry, Credentials(), handler);
        using var served = new MemoryStream(content);

        var uploaded = await client.UploadBlobAsync("shop", Digest(content), content.Length, served, CancellationToken.None);

        Assert.Equal(content.Length, uploaded);
        var put = handler.Requests[1];
        Assert.Equal("PUT", put.Method);
        Assert.Equal($"/v2/shop/blobs/uploads/u2?state=x&digest={Uri.EscapeDataString(Digest(content))}", put.Url.PathAndQuery);
        Assert.Equal(content, put.Body);
    }

    private static RegistryCredentials Credentials() => RegistryCredentials.FromEcrToken(Convert.ToBase64String("AWS:pw"u8.ToArray()));

    private static string Digest(byte[] content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));

    private static HttpResponseMessage Redirect(string location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.TemporaryRedirect);
        response.Headers.Location = new Uri(location);
        return response;
    }

    private static HttpResponseMessage Accepted(string location)
    {
        var response = new HttpResponseMessage(HttpStatusCode.Accepted);
        response.Headers.Location = new Uri(location, UriKind.Relative);
        return response;
    }

    private sealed record SeenRequest(string Method, Uri Url, AuthenticationHeaderValue? Authorization, string? ContentRange, byte[] Body);

    /// <summary>Answers in process; records what the client sent.</summary>
    private sealed class FakeRegistry(Func<HttpRequestMessage, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<SeenRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            var range = request.Content?.Headers.TryGetValues("Content-Range", out var values) == true ? values.First() : null;
            Requests.Add(new SeenRequest(request.Method.Method, request.RequestUri!, request.Headers.Authorization, range, body));
            return answer(request);
        }
    }
}

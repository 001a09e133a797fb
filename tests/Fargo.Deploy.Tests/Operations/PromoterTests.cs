using System.Net;
using System.Security.Cryptography;
using System.Text;
using Fargo.Aws;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Deploy.Aws;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Tests.Support;

namespace Fargo.Deploy.Tests.Operations;

/// <summary>
/// Promote's decisions against recorded ECR/ECS answers: within one registry PutImage with the manifest as is, across
/// accounts a Registry API copy to ACCOUNT.dkr.ecr.REGION.amazonaws.com (answered in process: nothing leaves the
/// machine) with ECR's Basic auth, and the refusals.
/// </summary>
public sealed class PromoterTests
{
    private const string Manifest = """{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","size":5,"digest":"sha256:CONFIG"},"layers":[]}""";
    private static readonly byte[] Config = "{}\n\n\n"u8.ToArray();
    private static readonly string ConfigDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Config));
    private static readonly string ManifestText = Manifest.Replace("sha256:CONFIG", ConfigDigest, StringComparison.Ordinal);
    private static readonly string RunningDigest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(ManifestText)));
    private const string OtherDigest = "sha256:2222222222222222222222222222222222222222222222222222222222222222";

    [Fact]
    public async Task Within_one_registry_the_manifest_is_put_as_is_with_its_media_type()
    {
        var ecr = new Ecr { Images = { [("todo-api", RunningDigest)] = ["r254"] } };
        var apis = Running("111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@" + RunningDigest, ecr);
        var qa = TestApis.Target(apis.Test) with { Apis = apis.Apis };
        var staging = TestApis.Target(apis.Test, TestApis.Spec() with { Cluster = "fargo-staging", Repository = "todo-api-staging" }, new TargetEnvironment("staging", false, "111111111111", "us-east-1", false)) with { Apis = apis.Apis };

        var result = await Promoter.PromoteAsync(qa, staging, new PromoteOptions("r254"), CancellationToken.None);

        Assert.Equal(PromoteMethod.PutImage, result.Method);
        Assert.Equal(RunningDigest, result.Digest);
        Assert.Equal("111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api-staging@" + RunningDigest, result.Destination);
        var put = Assert.Single(ecr.Puts);
        Assert.Equal(("todo-api-staging", ManifestText, "application/vnd.oci.image.manifest.v1+json", "r254", RunningDigest),
            (put.RepositoryName, put.ImageManifest, put.ImageManifestMediaType, put.ImageTag, put.ImageDigest));
    }

    [Fact]
    public async Task A_version_that_is_not_what_runs_is_refused_unless_forced()
    {
        var ecr = new Ecr { Images = { [("todo-api", RunningDigest)] = ["r254"], [("todo-api", OtherDigest)] = ["r255"] } };
        var apis = Running("111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@" + RunningDigest, ecr);
        var qa = TestApis.Target(apis.Test) with { Apis = apis.Apis };
        var prod = TestApis.Target(apis.Test, TestApis.Spec() with { Repository = "todo-api-prod" }, new TargetEnvironment("prod", false, "111111111111", "us-east-1", true)) with { Apis = apis.Apis };

        var error = await Assert.ThrowsAsync<DeployException>(() => Promoter.PromoteAsync(qa, prod, new PromoteOptions("r255"), CancellationToken.None));

        Assert.StartsWith("Version r255 (sha256:222222222222) is not what runs in qa (sha256:", error.Message, StringComparison.Ordinal);
        Assert.Empty(ecr.Puts);
        var forced = await Promoter.PromoteAsync(qa, prod, new PromoteOptions("r255", Force: true), CancellationToken.None);
        Assert.True(forced.Forced);
        Assert.Equal(OtherDigest, Assert.Single(ecr.Puts).ImageDigest);
    }

    [Fact]
    public async Task Across_accounts_the_manifest_and_blobs_go_registry_to_registry_with_ECR_basic_auth()
    {
        var qaEcr = new Ecr { Images = { [("todo-api", RunningDigest)] = ["r254"] }, Token = "AWS:qa-password" };
        var prodEcr = new Ecr { Token = "AWS:prod-password" };
        var qaApis = Running("111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@" + RunningDigest, qaEcr);
        var qa = TestApis.Target(qaApis.Test) with { Apis = qaApis.Apis };
        var prod = TestApis.Target(new TestApis(), environment: new TargetEnvironment("prod", false, "222222222222", "eu-west-1", true)) with { Apis = qaApis.Apis with { Ecr = prodEcr } };
        var registries = new Registries(ManifestText, Config);
        // The destination registry put the image: ECR lists it afterwards.
        registries.OnManifestPut = () => prodEcr.Images[("todo-api", RunningDigest)] = ["r254"];

        var result = await Promoter.PromoteAsync(qa, prod, new PromoteOptions("r254", RegistryHandler: registries), CancellationToken.None);

        Assert.Equal(PromoteMethod.RegistryCopy, result.Method);
        Assert.Equal("222222222222.dkr.ecr.eu-west-1.amazonaws.com/todo-api@" + RunningDigest, result.Destination);
        Assert.Equal(1, result.Copy!.BlobsCopied);
        Assert.Equal(Config.Length, result.Copy.BytesCopied);
        var hosts = registries.Seen.Select(s => s.Host).Distinct().ToList();
        Assert.Equal(["111111111111.dkr.ecr.us-east-1.amazonaws.com", "222222222222.dkr.ecr.eu-west-1.amazonaws.com"], hosts.Order());
        Assert.All(registries.Seen, s => Assert.Equal(s.Host.StartsWith("1111", StringComparison.Ordinal) ? "AWS:qa-password" : "AWS:prod-password", s.Credentials));
        Assert.Contains(registries.Seen, s => s.Method == "PUT" && s.Path == "/v2/todo-api/manifests/r254");
    }

    [Fact]
    public async Task A_missing_destination_repository_says_to_create_it_with_the_infrastructure()
    {
        var ecr = new Ecr { Images = { [("todo-api", RunningDigest)] = ["r254"] } };
        var apis = Running("111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api@" + RunningDigest, ecr);
        var qa = TestApis.Target(apis.Test) with { Apis = apis.Apis };
        var prod = TestApis.Target(apis.Test, TestApis.Spec() with { Repository = "todo-api-prod" }, new TargetEnvironment("prod", false, "111111111111", "us-east-1", true))
            with { Apis = apis.Apis with { Ecr = new Ecr { Repositories = [] } } };

        var error = await Assert.ThrowsAsync<DeployException>(() => Promoter.PromoteAsync(qa, prod, new PromoteOptions(), CancellationToken.None));

        Assert.Equal("The repository todo-api-prod does not exist on prod (account 111111111111, us-east-1), so there is nowhere to promote the image to.", error.Message);
        Assert.Equal("Create it with the service's infrastructure first: fargo infra up --env prod (the service stack creates the repository).", error.Hint);
    }

    private static (TestApis Test, ServiceApis Apis) Running(string image, Ecr ecr)
    {
        const string taskDefinition = "arn:aws:ecs:us-east-1:111111111111:task-definition/todo-api-qa:7";
        var test = new TestApis
        {
            DescribeServices = _ => new DescribeServicesResponse
            {
                Services =
                [
                    new Service
                    {
                        ServiceName = "todo-api",
                        Status = "ACTIVE",
                        TaskDefinition = taskDefinition,
                        RunningCount = 2,
                        Deployments = [new Deployment { Id = "ecs-svc/1", Status = "PRIMARY", TaskDefinition = taskDefinition, RolloutState = DeploymentRolloutState.Completed }],
                    },
                ],
            },
            DescribeTaskDefinition = _ => new DescribeTaskDefinitionResponse
            {
                TaskDefinition = new TaskDefinition { TaskDefinitionArn = taskDefinition, ContainerDefinitions = [new ContainerDefinition { Name = "todo-api", Image = image }] },
            },
        };
        return (test, test.Apis with { Ecr = ecr });
    }

    /// <summary>ECR's answers for one registry: repositories, images (repository, digest) → tags, the manifest, a token.</summary>
    private sealed class Ecr : IEcrApi
    {
        public Dictionary<(string Repository, string Digest), List<string>> Images { get; } = [];

        public List<string>? Repositories { get; init; }

        public List<PutImageRequest> Puts { get; } = [];

        public string Token { get; init; } = "AWS:password";

        public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken)
        {
            var id = request.ImageIds![0];
            var found = Images.Where(i => i.Key.Repository == request.RepositoryName && (id.ImageDigest is null ? i.Value.Contains(id.ImageTag!) : i.Key.Digest == id.ImageDigest)).ToList();
            return found.Count == 0
                ? throw new AwsServiceException("ECR", "DescribeImages", "ImageNotFoundException", "not found", null, 400)
                : Task.FromResult(new DescribeImagesResponse
                {
                    ImageDetails = [new ImageDetail { ImageDigest = found[0].Key.Digest, ImageTags = found[0].Value, ImageManifestMediaType = "application/vnd.oci.image.manifest.v1+json" }],
                });
        }

        public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new BatchGetImageResponse
            {
                Images = [new Image { ImageId = request.ImageIds[0], ImageManifest = ManifestText, ImageManifestMediaType = "application/vnd.oci.image.manifest.v1+json" }],
            });

        public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken)
        {
            Puts.Add(request);
            return Task.FromResult(new PutImageResponse());
        }

        public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken) => throw new InvalidOperationException("not expected");

        public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken) =>
            Repositories is { } known && !known.Contains(request.RepositoryNames![0])
                ? throw new AwsServiceException("ECR", "DescribeRepositories", "RepositoryNotFoundException", "not found", null, 400)
                : Task.FromResult(new DescribeRepositoriesResponse());

        public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(new GetAuthorizationTokenResponse { AuthorizationData = [new AuthorizationData { AuthorizationToken = Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)) }] });
    }

    private sealed record Seen(string Method, string Host, string Path, string Credentials);

    /// <summary>Two ECR registries answering the Registry API in process: the source has the image, the destination nothing.</summary>
    private sealed class Registries(string manifest, byte[] config) : HttpMessageHandler
    {
        private readonly HashSet<string> _destinationBlobs = [];

        public List<Seen> Seen { get; } = [];

        public Action? OnManifestPut { get; set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var url = request.RequestUri!;
            var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(request.Headers.Authorization!.Parameter!));
            Seen.Add(new Seen(request.Method.Method, url.Host, url.AbsolutePath, credentials));
            var source = url.Host.StartsWith("1111", StringComparison.Ordinal);
            var path = url.AbsolutePath;
            if (source && request.Method == HttpMethod.Get && path == $"/v2/todo-api/manifests/{RunningDigest}")
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(manifest, Encoding.UTF8, "application/vnd.oci.image.manifest.v1+json") };
            }

            if (source && request.Method == HttpMethod.Get && path == $"/v2/todo-api/blobs/{ConfigDigest}")
            {
                return new HttpResponseMessage(HttpStatusCode.OK) { Content = new ByteArrayContent(config) };
            }

            if (!source && request.Method == HttpMethod.Head && path.StartsWith("/v2/todo-api/blobs/", StringComparison.Ordinal))
            {
                return new HttpResponseMessage(_destinationBlobs.Contains(path[19..]) ? HttpStatusCode.OK : HttpStatusCode.NotFound);
            }

            if (!source && request.Method == HttpMethod.Post && path == "/v2/todo-api/blobs/uploads/")
            {
                var accepted = new HttpResponseMessage(HttpStatusCode.Accepted);
                accepted.Headers.Location = new Uri("/v2/todo-api/blobs/uploads/u1", UriKind.Relative);
                return accepted;
            }

            if (!source && request.Method == HttpMethod.Put && path == "/v2/todo-api/blobs/uploads/u1")
            {
                var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
                var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body));
                Assert.Equal(digest, Uri.UnescapeDataString(url.Query).Split("digest=")[1]);
                _destinationBlobs.Add(digest);
                return new HttpResponseMessage(HttpStatusCode.Created);
            }

            if (!source && request.Method == HttpMethod.Put && path == "/v2/todo-api/manifests/r254")
            {
                var body = await request.Content!.ReadAsByteArrayAsync(cancellationToken);
                Assert.All(new[] { ConfigDigest }, d => Assert.Contains(d, _destinationBlobs));
                var created = new HttpResponseMessage(HttpStatusCode.Created);
                created.Headers.Add("Docker-Content-Digest", "sha256:" + Convert.ToHexStringLower(SHA256.HashData(body)));
                OnManifestPut?.Invoke();
                return created;
            }

            return new HttpResponseMessage(HttpStatusCode.NotFound) { Content = new StringContent("""{"errors":[{"code":"NOT_EXPECTED","message":"unexpected"}]}""") };
        }
    }
}

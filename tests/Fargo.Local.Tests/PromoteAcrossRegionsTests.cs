using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Fargo.Aws.Ecr;
using Fargo.Aws.Ecs;
using Fargo.Deploy;
using Fargo.Deploy.Aws;
using Fargo.Deploy.Operations;
using Fargo.Deploy.Targets;
using Fargo.Local.Client;
using Fargo.Local.Tests.Support;

namespace Fargo.Local.Tests;

/// <summary>Two local regions (two engines, two FARGO_HOMEs, two ports): two registries, as two AWS accounts would have.</summary>
public sealed class TwoRegionsFixture : IAsyncLifetime
{
    public EngineFixture First { get; } = new();

    public EngineFixture Second { get; } = new();

    public async Task InitializeAsync()
    {
        await First.InitializeAsync();
        await Second.InitializeAsync();
    }

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}

/// <summary>
/// `fargo promote` between two real local regions: the image that runs in the first goes into the second's repository
/// through the Registry HTTP API (manifest and blobs, ECR's Basic auth), with the same digest, and runs there; and
/// every refusal. Within one region: PutImage, or nothing at all when both environments share the repository.
/// </summary>
[Collection(EngineCollection.Name)]
public sealed class PromoteAcrossRegionsTests(TwoRegionsFixture regions) : IClassFixture<TwoRegionsFixture>, IDisposable
{
    private const string Registry = "000000000000.dkr.ecr.local.localhost";
    private readonly TempDirectory _temp = new("fargo-promote-test-");
    private readonly List<IDisposable> _owned = [];

    private EngineFixture First => regions.First;

    private EngineFixture Second => regions.Second;

    public void Dispose()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task The_running_image_is_copied_to_the_other_region_with_its_digest_and_runs_there()
    {
        var r1 = await ImportAsync(First, "shop", "r1", "release one");
        await RunServiceAsync(First, "shop", $"{Registry}/shop:r1");
        await Second.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = "shop" });

        var result = await Promoter.PromoteAsync(Target(First, "qa", "shop"), Target(Second, "prod", "shop"), new PromoteOptions(), CancellationToken.None);

        Assert.Equal(PromoteMethod.RegistryCopy, result.Method);
        Assert.Equal(r1.ImageDigest, result.Digest);
        Assert.Equal("r1", result.Tag);
        Assert.False(result.Forced);
        Assert.Equal($"{Registry}/shop@{r1.ImageDigest}", result.Destination);
        // server.py is already in the second region (its test service has it); the release's own files are not.
        Assert.True(result.Copy!.BlobsCopied >= 2, result.Copy.ToString());
        Assert.True(result.Copy.BlobsPresent >= 1, result.Copy.ToString());

        // The second region sees it exactly as an import of the same content: same digest, same manifest, same tag.
        var described = await Second.Ecr.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "shop", ImageIds = [new ImageIdentifier { ImageTag = "r1" }] });
        Assert.Equal(r1.ImageDigest, Assert.Single(described.ImageDetails!).ImageDigest);
        var sourceManifest = await ManifestTextAsync(First, "shop", r1.ImageDigest);
        Assert.Equal(sourceManifest, await ManifestTextAsync(Second, "shop", r1.ImageDigest));

        // And runs there: the copied files, modes and link are what the task sees.
        await RunServiceAsync(Second, "shop", result.Destination);
        var task = Assert.Single(await Second.TasksAsync("shop"));
        var answer = await EngineFixture.GetAsync(task);
        Assert.Equal("shop", answer.Version);

        // Promoting again copies nothing: it is there, and says so.
        var again = await Promoter.PromoteAsync(Target(First, "qa", "shop"), Target(Second, "prod", "shop"), new PromoteOptions("r1"), CancellationToken.None);
        Assert.Equal(PromoteMethod.AlreadyThere, again.Method);
        Assert.True(again.AlreadyThere);
        Assert.Equal(r1.ImageDigest, again.Digest);

        // A version that does not run in the first region is refused; --force promotes it anyway.
        var r2 = await ImportAsync(First, "shop", "r2", "release two");
        var refused = await Assert.ThrowsAsync<DeployException>(() =>
            Promoter.PromoteAsync(Target(First, "qa", "shop"), Target(Second, "prod", "shop"), new PromoteOptions("r2"), CancellationToken.None));
        Assert.Contains("Version r2", refused.Message, StringComparison.Ordinal);
        Assert.Contains("is not what runs in qa", refused.Message, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Hint, StringComparison.Ordinal);
        Assert.Null(await DigestOfTagAsync(Second, "shop", "r2"));

        var forced = await Promoter.PromoteAsync(Target(First, "qa", "shop"), Target(Second, "prod", "shop"), new PromoteOptions("r2", Force: true), CancellationToken.None);
        Assert.True(forced.Forced);
        Assert.Equal(PromoteMethod.RegistryCopy, forced.Method);
        Assert.Equal(r2.ImageDigest, await DigestOfTagAsync(Second, "shop", "r2"));

        // A version that does not exist at all.
        var unknown = await Assert.ThrowsAsync<DeployException>(() =>
            Promoter.PromoteAsync(Target(First, "qa", "shop"), Target(Second, "prod", "shop"), new PromoteOptions("r9"), CancellationToken.None));
        Assert.Contains("There is no image", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("shop:r9", unknown.Message, StringComparison.Ordinal);

        // Two environments on one region: another repository gets the manifest with PutImage (same digest);
        // the same repository already has it, which promote says instead of pretending to copy.
        await First.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = "shop-staging" });
        var retag = await Promoter.PromoteAsync(Target(First, "qa", "shop"), Target(First, "staging", "shop-staging"), new PromoteOptions(), CancellationToken.None);
        Assert.Equal(PromoteMethod.PutImage, retag.Method);
        Assert.Equal(r1.ImageDigest, await DigestOfTagAsync(First, "shop-staging", "r1"));
        var same = await Promoter.PromoteAsync(Target(First, "qa", "shop"), Target(First, "staging", "shop"), new PromoteOptions(), CancellationToken.None);
        Assert.Equal(PromoteMethod.SameRepository, same.Method);
        Assert.Equal(r1.ImageDigest, same.Digest);
    }

    [Fact]
    public async Task Nothing_is_promoted_from_a_region_where_the_service_does_not_exist()
    {
        await Second.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = "testsvc-ghost" });

        var refused = await Assert.ThrowsAsync<DeployException>(() =>
            Promoter.PromoteAsync(Target(First, "qa", "testsvc", service: "ghost"), Target(Second, "prod", "testsvc-ghost"), new PromoteOptions("v1"), CancellationToken.None));

        Assert.StartsWith("Nothing to promote: The service ghost does not exist in cluster test", refused.Message, StringComparison.Ordinal);
        Assert.Contains("Deploy v1 to qa first, or pass --force", refused.Hint, StringComparison.Ordinal);
        await Assert.ThrowsAsync<Fargo.Aws.AwsServiceException>(() =>
            Second.Ecr.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "testsvc-ghost", ImageIds = [new ImageIdentifier { ImageTag = "v1" }] }));
    }

    [Fact]
    public async Task Nothing_is_promoted_from_a_service_with_no_running_task()
    {
        var definition = await First.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("idle", First.TestServiceImage, "idle", "/test/idle"));
        await First.Ecs.CreateServiceAsync(new CreateServiceRequest { Cluster = "test", ServiceName = "idle", TaskDefinition = definition.TaskDefinition!.TaskDefinitionArn, DesiredCount = 0 });

        var refused = await Assert.ThrowsAsync<DeployException>(() =>
            Promoter.PromoteAsync(Target(First, "qa", "testsvc", service: "idle"), Target(Second, "prod", "testsvc"), new PromoteOptions(), CancellationToken.None));

        Assert.Equal("Nothing to promote: the service idle has no running task in qa. Only an image that runs in qa gets promoted.", refused.Message);
        Assert.Contains("fargo deploy --env qa", refused.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_destination_repository_is_refused_with_what_to_do()
    {
        var refused = await Assert.ThrowsAsync<DeployException>(() =>
            Promoter.PromoteAsync(Target(First, "qa", "testsvc", service: "ghost"), Target(Second, "prod", "not-created"), new PromoteOptions("v1", Force: true), CancellationToken.None));

        Assert.Equal("The repository not-created does not exist on the local region, so there is nowhere to promote the image to.", refused.Message);
        Assert.Contains("aws ecr create-repository --repository-name not-created", refused.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_registry_API_answers_with_ECR_credentials_only_and_serves_an_imported_image_as_manifest_and_blobs()
    {
        using var http = new HttpClient { BaseAddress = First.Region.Endpoint };
        using (var anonymous = await http.GetAsync(new Uri("/v2/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Equal("Basic", anonymous.Headers.WwwAuthenticate.Single().Scheme);
        }

        using (var forged = new HttpRequestMessage(HttpMethod.Get, "/v2/"))
        {
            forged.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:9999999999.bm90LWEtc2lnbmF0dXJl")));
            using var refused = await http.SendAsync(forged);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Contains("DENIED", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var token = (await First.Ecr.GetAuthorizationTokenAsync(new GetAuthorizationTokenRequest())).AuthorizationData![0].AuthorizationToken!;
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        using (var check = await http.GetAsync(new Uri("/v2/", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, check.StatusCode);
        }

        // The imported test service: its manifest by tag is the artifact manifest, its digest the image's digest.
        var digest = (await First.Ecr.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "testsvc", ImageIds = [new ImageIdentifier { ImageTag = "v1" }] })).ImageDetails![0].ImageDigest!;
        using var manifest = await http.GetAsync(new Uri("/v2/testsvc/manifests/v1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, manifest.StatusCode);
        var bytes = await manifest.Content.ReadAsByteArrayAsync();
        Assert.Equal("application/vnd.fargo.artifact.manifest.v1+text", manifest.Content.Headers.ContentType!.MediaType);
        Assert.Equal(digest, manifest.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(digest, "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes)));

        // Each file is a blob, by the SHA-256 of its content.
        var script = Encoding.UTF8.GetBytes(TestService.Script);
        var blob = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(script));
        Assert.Contains(blob[7..], Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        Assert.Equal(script, await http.GetByteArrayAsync(new Uri($"/v2/testsvc/blobs/{blob}", UriKind.Relative)));

        using var unknownRepository = await http.GetAsync(new Uri("/v2/nosuchrepo/manifests/v1", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknownRepository.StatusCode);
        Assert.Contains("NAME_UNKNOWN", await unknownRepository.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pushed_manifest_needs_its_blobs_and_uploads_are_checked_against_their_digest()
    {
        await Second.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = "pushed" });
        var token = (await Second.Ecr.GetAuthorizationTokenAsync(new GetAuthorizationTokenRequest())).AuthorizationData![0].AuthorizationToken!;
        using var http = new HttpClient { BaseAddress = Second.Region.Endpoint };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", token);
        var content = Encoding.UTF8.GetBytes("pushed through the registry API " + Guid.NewGuid());
        var hex = Convert.ToHexStringLower(SHA256.HashData(content));
        var manifestText = $"fargo-artifact-v1\nf\t644\t{content.Length}\t{hex}\tnote.txt\n";

        // The manifest before its blob: refused, nothing stored.
        using (var early = await PutManifestAsync(http, "pushed", "early", manifestText))
        {
            Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
            Assert.Contains("MANIFEST_BLOB_UNKNOWN", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // An upload whose content is not what its digest says: refused.
        var wrongLocation = await StartUploadAsync(http, "pushed");
        using (var wrong = await http.PutAsync(new Uri($"{wrongLocation}?digest=sha256:{hex}", UriKind.Relative), new ByteArrayContent([1, 2, 3])))
        {
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
            Assert.Contains("DIGEST_INVALID", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // In two chunks (PATCH with Content-Range, then PUT): accepted.
        var location = await StartUploadAsync(http, "pushed");
        using (var first = new ByteArrayContent(content[..10]))
        {
            first.Headers.TryAddWithoutValidation("Content-Range", "0-9");
            using var patched = await http.PatchAsync(new Uri(location, UriKind.Relative), first);
            Assert.Equal(HttpStatusCode.Accepted, patched.StatusCode);
            Assert.Equal("0-9", patched.Headers.GetValues("Range").Single());
            location = patched.Headers.Location!.ToString();
        }

        using (var done = await http.PutAsync(new Uri($"{location}?digest=sha256:{hex}", UriKind.Relative), new ByteArrayContent(content[10..])))
        {
            Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        }

        using var put = await PutManifestAsync(http, "pushed", "p1", manifestText);
        Assert.Equal(HttpStatusCode.Created, put.StatusCode);
        var digest = "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(manifestText)));
        Assert.Equal(digest, put.Headers.GetValues("Docker-Content-Digest").Single());
        Assert.Equal(digest, await DigestOfTagAsync(Second, "pushed", "p1"));

        // The same content imported as a folder is the same image.
        var folder = _temp.Combine("same-content");
        Directory.CreateDirectory(folder);
        await File.WriteAllBytesAsync(Path.Combine(folder, "note.txt"), content);
        var imported = await LocalImageImporter.ImportAsync(Second.Region, folder, "pushed", "imported", CancellationToken.None);
        Assert.Equal(digest, imported.ImageDigest);
    }

    [Fact]
    public async Task The_CLI_says_plainly_when_two_environments_on_one_region_share_the_repository_and_refuses_an_unknown_version()
    {
        // Two environments of fargo.toml on the local region: qa runs testsvc, staging uses the same repository.
        await File.WriteAllTextAsync(Path.Combine(First.WorkDirectory, "fargo.toml"), """
            name = "testsvc"
            port = 8080

            [environments.qa]
            account = "000000000000"
            region = "local"

            [environments.staging]
            account = "000000000000"
            region = "local"
            """);
        await First.Ecs.CreateClusterAsync(new CreateClusterRequest { ClusterName = "fargo-qa" });
        var definition = await First.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition("testsvc-qa", First.TestServiceImage, "qa", "/test/testsvc-qa"));
        await First.Ecs.CreateServiceAsync(new CreateServiceRequest { Cluster = "fargo-qa", ServiceName = "testsvc", TaskDefinition = definition.TaskDefinition!.TaskDefinitionArn, DesiredCount = 1 });
        await Eventually.UntilAsync(
            async () => (await First.Ecs.DescribeServicesAsync(new DescribeServicesRequest { Cluster = "fargo-qa", Services = ["testsvc"] })).Services![0],
            s => s.RunningCount == 1,
            TimeSpan.FromSeconds(90),
            "testsvc to run in fargo-qa");
        var digest = (await First.Ecr.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = "testsvc", ImageIds = [new ImageIdentifier { ImageTag = "v1" }] })).ImageDetails![0].ImageDigest;

        var json = await First.FargoAsync("promote", "--from", "qa", "--to", "staging", "--output", "json");
        var text = await First.FargoAsync("promote", "--from", "qa", "--to", "staging", "--version", "v1");
        var unknown = await First.FargoAsync("promote", "--from", "qa", "--to", "staging", "--version", "v9");

        Assert.True(json.ExitCode == 0, json.ToString());
        using var document = JsonDocument.Parse(json.Out);
        var root = document.RootElement;
        Assert.Equal(("qa", "staging", digest, "v1", true, "same-repository", false),
            (root.GetProperty("from").GetString(), root.GetProperty("to").GetString(), root.GetProperty("digest").GetString(), root.GetProperty("tag").GetString(),
             root.GetProperty("alreadyThere").GetBoolean(), root.GetProperty("method").GetString(), root.GetProperty("forced").GetBoolean()));
        Assert.Equal($"{Registry}/testsvc@{digest}", root.GetProperty("destination").GetString());

        Assert.True(text.ExitCode == 0, text.ToString());
        Assert.Contains("qa and staging use the same repository of the same registry", text.Out, StringComparison.Ordinal);
        Assert.Contains("Nothing was copied.", text.Out, StringComparison.Ordinal);
        Assert.Contains("Next: fargo deploy --env staging --version v1", text.Out, StringComparison.Ordinal);

        Assert.NotEqual(0, unknown.ExitCode);
        Assert.Contains("There is no image", unknown.Error + unknown.Out, StringComparison.Ordinal);
        Assert.Contains("testsvc:v9", unknown.Error + unknown.Out, StringComparison.Ordinal);
    }

    private static async Task<string> StartUploadAsync(HttpClient http, string repository)
    {
        using var started = await http.PostAsync(new Uri($"/v2/{repository}/blobs/uploads/", UriKind.Relative), null);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        return started.Headers.Location!.ToString();
    }

    private static Task<HttpResponseMessage> PutManifestAsync(HttpClient http, string repository, string tag, string text)
    {
        var body = new StringContent(text, new UTF8Encoding(false));
        body.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.fargo.artifact.manifest.v1+text");
        return http.PutAsync(new Uri($"/v2/{repository}/manifests/{tag}", UriKind.Relative), body);
    }

    /// <summary>Imports a release of the test service: its server, a note with the release's text, an executable script in a folder, and a link.</summary>
    private async Task<Fargo.Local.Api.ImportImageResult> ImportAsync(EngineFixture engine, string repository, string tag, string note)
    {
        var folder = TestService.WriteArtifact(_temp.Combine(repository + "-" + tag));
        _temp.Write(Path.Combine(repository + "-" + tag, "notes", "release.txt"), note + "\n");
        _temp.Write(Path.Combine(repository + "-" + tag, "bin", "hello.sh"), "#!/bin/sh\necho hello\n", executable: true);
        File.CreateSymbolicLink(Path.Combine(folder, "current-notes"), "notes/release.txt");
        return await LocalImageImporter.ImportAsync(engine.Region, folder, repository, tag, CancellationToken.None);
    }

    private static async Task RunServiceAsync(EngineFixture engine, string name, string image)
    {
        var definition = await engine.Ecs.RegisterTaskDefinitionAsync(TestService.TaskDefinition(name, image, name, "/test/" + name));
        await engine.Ecs.CreateServiceAsync(new CreateServiceRequest
        {
            Cluster = "test",
            ServiceName = name,
            TaskDefinition = definition.TaskDefinition!.TaskDefinitionArn,
            DesiredCount = 1,
        });
        await engine.WaitSteadyAsync(name, 1, TimeSpan.FromSeconds(90));
    }

    private static async Task<string> ManifestTextAsync(EngineFixture engine, string repository, string digest)
    {
        var batch = await engine.Ecr.BatchGetImageAsync(new BatchGetImageRequest { RepositoryName = repository, ImageIds = [new ImageIdentifier { ImageDigest = digest }] });
        return Assert.Single(batch.Images!).ImageManifest!;
    }

    private static async Task<string?> DigestOfTagAsync(EngineFixture engine, string repository, string tag)
    {
        try
        {
            var described = await engine.Ecr.DescribeImagesAsync(new DescribeImagesRequest { RepositoryName = repository, ImageIds = [new ImageIdentifier { ImageTag = tag }] });
            return described.ImageDetails!.Single().ImageDigest;
        }
        catch (Fargo.Aws.AwsServiceException e) when (e.Code == "ImageNotFoundException")
        {
            return null;
        }
    }

    /// <summary>An environment on one of the two engines, as the CLI's TargetResolver would connect it.</summary>
    private DeployTarget Target(EngineFixture engine, string environment, string repository, string service = "shop")
    {
        var apis = new AwsServiceApis(engine.Region.ClientOptions());
        _owned.Add(apis);
        var spec = new ServiceSpec
        {
            Name = service,
            Cluster = "test",
            Service = service,
            TaskFamily = service,
            ContainerName = "web",
            Port = 8080,
            LogGroup = "/test/" + service,
            LogStreamPrefix = service,
            Repository = repository,
            SecretsPath = "/" + service,
            DeployTimeout = TimeSpan.FromMinutes(2),
            IsLocal = true,
        };
        return new DeployTarget(TargetEnvironment.Local(environment), spec, apis.Apis) { LocalRegionEndpoint = engine.Region.Endpoint };
    }
}

using System.Text;
using System.Text.Json;
using Fargo.Aws.Ecr;
using Fargo.Deploy.Aws;
using Fargo.Deploy.Images.Building;
using Fargo.Deploy.Images.Pushing;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Tests.Rendering;
using Fargo.Deploy.Tests.Support;

namespace Fargo.Deploy.Tests.Images;

/// <summary>`fargo push` against a fake ECR and a fake docker: the login, the repository, the push and the digest.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // A shell script stands in for docker.
public sealed class ImagePusherTests : IDisposable
{
    private const string Digest = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";
    private const string Registry = "111111111111.dkr.ecr.eu-west-1.amazonaws.com";
    private static readonly string Token = Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:s3cr3t-password-" + Guid.NewGuid().ToString("N")));

    private readonly FakeEngine _engine = new();
    private readonly FakeEcr _ecr = new(Token);

    public void Dispose() => _engine.Dispose();

    private ContainerEngine Engine => new(ContainerEngineKind.Docker, _engine.Executable, "linux/amd64");

    private DeployTarget Target()
    {
        var apis = new TestApis();
        return TestApis.Target(apis, environment: new TargetEnvironment("qa", false, "111111111111", "eu-west-1", false)) with
        {
            Apis = apis.Apis with { Ecr = new PushRecordingEcr(_ecr, _engine) },
        };
    }

    private static ImageBuildRequest Request(string version = "abc1234") => ImageBuildRequest.For(
        TestSettings.For(),
        new DockerfileSource("/src/todo/Dockerfile", Path.GetTempPath()),
        version,
        SourceRevision.None,
        DateTimeOffset.UnixEpoch,
        [],
        "/tmp/unused.tar.gz");

    [Fact]
    public async Task Push_creates_the_missing_repository_logs_in_through_a_temporary_config_and_returns_ECRs_digest()
    {
        var pushed = await ImagePusher.PushAsync(Target(), Request(), Engine, null, null, CancellationToken.None);

        var created = Assert.Single(_ecr.Created);
        Assert.Equal(("todo-api", "111111111111"), (created.RepositoryName, created.RegistryId));
        Assert.Equal(ImageTagMutability.Immutable, created.ImageTagMutability);
        Assert.True(created.ImageScanningConfiguration?.ScanOnPush);

        var call = Assert.Single(_engine.Calls);
        Assert.Equal("--config", call.Arguments[0]);
        Assert.Equal(["push", Registry + "/todo-api:abc1234"], call.Arguments.Skip(2));
        var folder = call.Arguments[1];
        Assert.False(Directory.Exists(folder), "The login folder is deleted after the push.");
        Assert.StartsWith(Path.GetTempPath(), folder, StringComparison.Ordinal);
        Assert.Equal(("700", "600"), (call.ConfigFolderMode, call.ConfigFileMode));
        using var config = JsonDocument.Parse(call.Config!);
        Assert.Equal(Token, config.RootElement.GetProperty("auths").GetProperty(Registry).GetProperty("auth").GetString());
        Assert.DoesNotContain(call.Arguments, a => a.Contains(Token, StringComparison.Ordinal));

        Assert.Equal(Digest, pushed.Digest);
        Assert.Equal($"{Registry}/todo-api@{Digest}", pushed.PinnedImage);
        Assert.True(pushed.RepositoryCreated);
        Assert.Equal(["DescribeRepositories", "CreateRepository", "GetAuthorizationToken", "DescribeImages"], _ecr.Calls);
    }

    [Fact]
    public async Task An_existing_repository_is_used_as_it_is()
    {
        _ecr.Repositories.Add("todo-api");

        var pushed = await ImagePusher.PushAsync(Target(), Request(), Engine, null, null, CancellationToken.None);

        Assert.Empty(_ecr.Created);
        Assert.False(pushed.RepositoryCreated);
    }

    [Fact]
    public async Task A_failed_push_names_the_command_shows_its_last_lines_and_still_deletes_the_login()
    {
        using var refusing = new FakeEngine(pushExitCode: 1, pushMessage: "tag invalid: The image tag abc1234 already exists and cannot be overwritten because the repository is immutable.");
        var engine = new ContainerEngine(ContainerEngineKind.Docker, refusing.Executable, "linux/amd64");
        _ecr.Repositories.Add("todo-api");

        var error = await Assert.ThrowsAsync<ImageCommandFailedException>(() => ImagePusher.PushAsync(Target(), Request(), engine, null, null, CancellationToken.None));

        var call = Assert.Single(refusing.Calls);
        Assert.False(Directory.Exists(call.Arguments[1]));
        Assert.Equal(1, error.ExitCode);
        Assert.StartsWith("docker --config /", error.Command, StringComparison.Ordinal);
        Assert.EndsWith("push " + Registry + "/todo-api:abc1234", error.Command, StringComparison.Ordinal);
        Assert.Contains("already exists and cannot be overwritten", error.Message, StringComparison.Ordinal);
        Assert.Contains("immutable", error.Hint, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, error.Message + error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_that_left_no_image_behind_is_an_error_not_a_missing_digest()
    {
        _ecr.Repositories.Add("todo-api");
        var target = TestApis.Target(new TestApis(), environment: new TargetEnvironment("qa", false, "111111111111", "eu-west-1", false));
        target = target with { Apis = target.Apis with { Ecr = _ecr } };

        var error = await Assert.ThrowsAsync<DeployException>(() => ImagePusher.PushAsync(target, Request(), Engine, null, null, CancellationToken.None));

        Assert.Contains("has no image tagged abc1234", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_temporary_config_is_private_and_the_login_never_prints_its_token()
    {
        var login = new RegistryLogin(Registry, Token);
        string folder;
        using (var config = TemporaryDockerConfig.Create(login))
        {
            folder = config.Directory;
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(folder));
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(config.ConfigFile));
        }

        Assert.False(Directory.Exists(folder));
        Assert.DoesNotContain(Token, login.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_that_is_not_user_and_password_is_refused()
    {
        var ecr = new FakeEcr(Convert.ToBase64String(Encoding.UTF8.GetBytes("no-colon-here")));

        await Assert.ThrowsAsync<DeployException>(() => EcrLogin.GetAsync(ecr, Registry, CancellationToken.None));
    }

    /// <summary>ECR as a registry would look after the fake docker's push: the pushed tag then has a digest.</summary>
    private sealed class PushRecordingEcr(FakeEcr ecr, FakeEngine engine) : IEcrApi
    {
        public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken)
        {
            if (engine.PushedImage is { } image)
            {
                var name = image[(image.IndexOf('/', StringComparison.Ordinal) + 1)..];
                var colon = name.LastIndexOf(':');
                ecr.Pushed(name[..colon], name[(colon + 1)..], Digest);
            }

            return ecr.DescribeImagesAsync(request, cancellationToken);
        }

        public Task<BatchGetImageResponse> BatchGetImageAsync(BatchGetImageRequest request, CancellationToken cancellationToken) => ecr.BatchGetImageAsync(request, cancellationToken);

        public Task<PutImageResponse> PutImageAsync(PutImageRequest request, CancellationToken cancellationToken) => ecr.PutImageAsync(request, cancellationToken);

        public Task<CreateRepositoryResponse> CreateRepositoryAsync(CreateRepositoryRequest request, CancellationToken cancellationToken) => ecr.CreateRepositoryAsync(request, cancellationToken);

        public Task<DescribeRepositoriesResponse> DescribeRepositoriesAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken) => ecr.DescribeRepositoriesAsync(request, cancellationToken);

        public Task<GetAuthorizationTokenResponse> GetAuthorizationTokenAsync(GetAuthorizationTokenRequest request, CancellationToken cancellationToken) => ecr.GetAuthorizationTokenAsync(request, cancellationToken);
    }
}

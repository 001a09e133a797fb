using Fargo.Aws.Ecr;
using Fargo.Deploy.Images;
using Fargo.Deploy.Targets;
using Fargo.Deploy.Tests.Support;

namespace Fargo.Deploy.Tests.Deploying;

public sealed class ImageTests
{
    private const string Digest = "sha256:4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945";

    [Theory]
    [InlineData("111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api:v2", "111111111111", "us-east-1", "todo-api", "v2", null)]
    [InlineData("111111111111.dkr.ecr.us-east-1.amazonaws.com/team/todo-api@" + Digest, "111111111111", "us-east-1", "team/todo-api", null, Digest)]
    [InlineData("000000000000.dkr.ecr.local.localhost/todo-api:r254", "000000000000", "local", "todo-api", "r254", null)]
    [InlineData("222222222222.dkr.ecr.cn-north-1.amazonaws.com.cn/api:1.0@" + Digest, "222222222222", "cn-north-1", "api", "1.0", Digest)]
    public void ECR_image_URIs_name_their_registry_repository_tag_and_digest(string uri, string account, string region, string repository, string? tag, string? digest)
    {
        var reference = ImageReference.Parse(uri);

        Assert.Equal((account, region), reference.Ecr);
        Assert.Equal((repository, tag, digest), (reference.Repository, reference.Tag, reference.Digest));
    }

    [Theory]
    [InlineData("nginx:1.27")]
    [InlineData("ghcr.io/acme/api:v1")]
    [InlineData("localhost:5000/api:v1")]
    public void Other_registries_are_not_ECR(string uri) => Assert.Null(ImageReference.Parse(uri).Ecr);

    [Theory]
    [InlineData("Todo-API:v1")]
    [InlineData("todo-api@sha256:abc")]
    [InlineData("todo-api:has space")]
    public void Malformed_URIs_are_refused(string uri) => Assert.Throws<DeployUsageException>(() => ImageReference.Parse(uri));

    [Fact]
    public async Task A_tag_in_another_registry_is_refused_because_its_digest_cannot_be_found()
    {
        var apis = new TestApis();

        var error = await Assert.ThrowsAsync<DeployUsageException>(() => ImageResolver.ResolveUriAsync(TestApis.Target(apis), "ghcr.io/acme/api:v1", CancellationToken.None));

        Assert.Contains("a tag alone could be re-pushed", error.Message, StringComparison.Ordinal);
        Assert.Empty(apis.Calls);
    }

    [Fact]
    public async Task An_image_pinned_by_digest_in_another_registry_is_used_as_it_is()
    {
        var resolved = await ImageResolver.ResolveUriAsync(TestApis.Target(new TestApis()), "ghcr.io/acme/api@" + Digest, CancellationToken.None);

        Assert.Equal(("ghcr.io/acme/api@" + Digest, Digest), (resolved.Uri, resolved.Digest));
    }

    [Fact]
    public async Task A_version_of_the_local_region_resolves_in_its_own_registry()
    {
        var apis = new TestApis
        {
            DescribeImages = request =>
            {
                Assert.Equal(("000000000000", "todo-api", "v3"), (request.RegistryId, request.RepositoryName, request.ImageIds![0].ImageTag));
                return new DescribeImagesResponse { ImageDetails = [new ImageDetail { ImageDigest = Digest }] };
            },
        };
        var target = TestApis.Target(apis, environment: TargetEnvironment.Local());

        var resolved = await ImageResolver.ResolveVersionAsync(target, "v3", CancellationToken.None);

        Assert.Equal("000000000000.dkr.ecr.local.localhost/todo-api@" + Digest, resolved.Uri);
    }

    [Fact]
    public async Task A_version_that_was_never_pushed_says_so_and_how_to_push_it()
    {
        var apis = new TestApis { DescribeImages = _ => throw TestApis.Error("DescribeImages", "ImageNotFoundException") };

        var error = await Assert.ThrowsAsync<DeployException>(() => ImageResolver.ResolveVersionAsync(TestApis.Target(apis), "nope", CancellationToken.None));

        Assert.Equal("There is no image 111111111111.dkr.ecr.us-east-1.amazonaws.com/todo-api:nope on qa (account 111111111111, us-east-1).", error.Message);
        Assert.NotNull(error.Hint);
    }

    [Theory]
    [InlineData("dotnet TodoApi.dll", new[] { "dotnet", "TodoApi.dll" })]
    [InlineData("  sh -c 'echo $HOME && exit 3'  ", new[] { "sh", "-c", "echo $HOME && exit 3" })]
    [InlineData("run \"a b\" c\\ d \"q\\\"q\"", new[] { "run", "a b", "c d", "q\"q" })]
    [InlineData("x ''", new[] { "x", "" })]
    public void A_command_string_splits_into_arguments_as_a_shell_would(string command, string[] expected) =>
        Assert.Equal(expected, CommandLine.Split(command));

    [Fact]
    public void An_unclosed_quote_in_a_command_is_a_usage_error() =>
        Assert.Throws<DeployUsageException>(() => CommandLine.Split("sh -c 'echo"));
}

using Fargo.Config.Model;
using Fargo.Deploy.Images.Building;
using Fargo.Deploy.Tests.Rendering;

namespace Fargo.Deploy.Tests.Images;

/// <summary>The command lines of `fargo build` and `fargo push`, checked without running anything.</summary>
public sealed class ImageBuildCommandsTests
{
    private const string Sha = "0123456789abcdef0123456789abcdef01234567";
    private const string Registry = "111111111111.dkr.ecr.eu-west-1.amazonaws.com";
    private const string Image = Registry + "/todo-api:abc1234";
    private static readonly DateTimeOffset Created = new(2025, 3, 4, 5, 6, 7, 890, TimeSpan.FromHours(2));
    private static readonly DockerfileSource Dockerfile = new("/src/todo/Dockerfile", "/src/todo");
    private static readonly DotnetProjectSource Project = new("/src/todo/src/TodoApi/TodoApi.csproj");
    private static readonly ContainerEngine DockerAmd64 = new(ContainerEngineKind.Docker, "/usr/bin/docker", "linux/amd64");
    private static readonly ContainerEngine DockerArm64 = new(ContainerEngineKind.Docker, "/usr/bin/docker", "linux/arm64");
    private static readonly ContainerEngine PodmanAmd64 = new(ContainerEngineKind.Podman, "/usr/bin/podman", "linux/amd64");

    private static readonly string[] Labels =
    [
        "--label", "org.opencontainers.image.source=https://github.com/acme/todo",
        "--label", "org.opencontainers.image.revision=" + Sha,
        "--label", "org.opencontainers.image.created=2025-03-04T03:06:07Z",
        "--label", "org.opencontainers.image.version=abc1234",
    ];

    private static ImageBuildRequest Request(
        BuildSource? source = null,
        CpuArchitecture architecture = CpuArchitecture.X86_64,
        string? test = null,
        SourceRevision? revision = null,
        string environment = "qa") =>
        ImageBuildRequest.For(
            TestSettings.For(environment: environment, architecture: architecture, account: environment == "local" ? "000000000000" : "111111111111", region: environment == "local" ? "local" : "eu-west-1"),
            source ?? Dockerfile,
            "abc1234",
            revision ?? new SourceRevision("https://github.com/acme/todo", Sha),
            Created,
            test is null ? [] : [test],
            "/home/me/.fargo/builds/todo-api/abc1234.image.tar.gz");

    [Fact]
    public void Build_arguments_and_target_go_to_the_engine_in_a_stable_order()
    {
        var source = Dockerfile with
        {
            BuildArgs = new Dictionary<string, string> { ["NUGET_SOURCE"] = "https://nuget.example.com/v3/index.json", ["CONFIGURATION"] = "Release" },
            Target = "runtime",
        };

        var build = Assert.Single(ImageBuildCommands.Plan(Request(source), DockerAmd64).Build);

        Assert.Equal(
            ["docker", "build", "--platform", "linux/amd64", "--file", "/src/todo/Dockerfile", "--tag", Image, .. Labels,
             "--build-arg", "CONFIGURATION=Release", "--build-arg", "NUGET_SOURCE=https://nuget.example.com/v3/index.json", "--target", "runtime", "/src/todo"],
            build.Argv);
    }

    [Fact]
    public void Docker_builds_the_tasks_platform_natively_when_the_engine_runs_it()
    {
        var plan = ImageBuildCommands.Plan(Request(), DockerAmd64);

        var build = Assert.Single(plan.Build);
        Assert.Equal(["docker", "build", "--platform", "linux/amd64", "--file", "/src/todo/Dockerfile", "--tag", Image, .. Labels, "/src/todo"], build.Argv);
        Assert.Equal("/usr/bin/docker", build.Executable);
        Assert.Empty(plan.Tests);
        Assert.Equal(Image, plan.Image);
    }

    [Fact]
    public void Docker_cross_builds_with_buildx_and_loads_the_result_when_the_platform_differs()
    {
        var plan = ImageBuildCommands.Plan(Request(architecture: CpuArchitecture.Arm64), DockerAmd64);

        Assert.Equal(
            ["docker", "buildx", "build", "--platform", "linux/arm64", "--load", "--file", "/src/todo/Dockerfile", "--tag", Image, .. Labels, "/src/todo"],
            Assert.Single(plan.Build).Argv);
    }

    [Fact]
    public void An_arm64_service_on_an_arm64_engine_needs_no_buildx()
    {
        var plan = ImageBuildCommands.Plan(Request(architecture: CpuArchitecture.Arm64), DockerArm64);

        Assert.Equal(["docker", "build", "--platform", "linux/arm64"], Assert.Single(plan.Build).Argv.Take(4));
    }

    [Fact]
    public void Podman_takes_the_platform_itself()
    {
        var plan = ImageBuildCommands.Plan(Request(architecture: CpuArchitecture.Arm64), PodmanAmd64);

        var build = Assert.Single(plan.Build);
        Assert.Equal(["podman", "build", "--platform", "linux/arm64", "--file", "/src/todo/Dockerfile", "--tag", Image, .. Labels, "/src/todo"], build.Argv);
        Assert.Equal("/usr/bin/podman", build.Executable);
    }

    [Fact]
    public void Without_a_git_remote_there_is_no_source_label_and_outside_git_no_revision()
    {
        var plan = ImageBuildCommands.Plan(Request(revision: SourceRevision.None), DockerAmd64);

        var labels = Assert.Single(plan.Build).Arguments.Where(a => a.StartsWith("org.opencontainers", StringComparison.Ordinal)).ToList();
        Assert.Equal(["org.opencontainers.image.created=2025-03-04T03:06:07Z", "org.opencontainers.image.version=abc1234"], labels);
    }

    [Fact]
    public void A_dotnet_project_without_a_Dockerfile_is_published_by_the_SDK_into_the_engine_then_tagged_for_the_registry()
    {
        var plan = ImageBuildCommands.Plan(Request(source: Project, architecture: CpuArchitecture.Arm64), DockerAmd64);

        Assert.Equal(2, plan.Build.Count);
        Assert.Equal(
            [
                "dotnet", "publish", "/src/todo/src/TodoApi/TodoApi.csproj", "-c", "Release", "-t:PublishContainer",
                "-p:ContainerRepository=todo-api", "-p:ContainerImageTag=abc1234", "-p:ContainerRuntimeIdentifier=linux-arm64",
                "-p:ContainerVersion=abc1234", "-p:PublishRepositoryUrl=true", "-p:PrivateRepositoryUrl=https://github.com/acme/todo",
                "-p:SourceRevisionId=" + Sha, "-p:LocalRegistry=Docker",
            ],
            plan.Build[0].Argv);
        Assert.Equal(["docker", "tag", "todo-api:abc1234", Image], plan.Build[1].Argv);
        Assert.Equal("/src/todo/src/TodoApi", plan.WorkingDirectory);
    }

    [Fact]
    public void A_dotnet_project_with_podman_publishes_into_podman()
    {
        var plan = ImageBuildCommands.Plan(Request(source: Project), PodmanAmd64);

        Assert.Contains("-p:LocalRegistry=Podman", plan.Build[0].Arguments);
        Assert.Contains("-p:ContainerRuntimeIdentifier=linux-x64", plan.Build[0].Arguments);
        Assert.Equal(["podman", "tag", "todo-api:abc1234", Image], plan.Build[1].Argv);
    }

    [Fact]
    public void With_no_engine_a_dotnet_project_builds_into_an_archive_and_pushes_from_the_SDK_with_the_login_folder()
    {
        var request = Request(source: Project);

        var build = Assert.Single(ImageBuildCommands.Plan(request, null).Build);
        var push = Assert.Single(ImageBuildCommands.Push(request, null, "/tmp/login"));

        Assert.Equal("dotnet", build.Program);
        Assert.Equal("-p:ContainerArchiveOutputPath=/home/me/.fargo/builds/todo-api/abc1234.image.tar.gz", build.Arguments[^1]);
        Assert.DoesNotContain(build.Arguments, a => a.StartsWith("-p:LocalRegistry", StringComparison.Ordinal));
        Assert.Equal("-p:ContainerRegistry=" + Registry, push.Arguments[^1]);
        Assert.Equal(build.Arguments.Take(build.Arguments.Count - 1), push.Arguments.Take(push.Arguments.Count - 1));
        Assert.Equal(new Dictionary<string, string> { ["DOCKER_CONFIG"] = "/tmp/login" }, push.Environment);
        Assert.StartsWith("DOCKER_CONFIG=/tmp/login dotnet publish ", push.ToShell(), StringComparison.Ordinal);
    }

    [Fact]
    public void MSBuild_separators_in_property_values_are_escaped()
    {
        var plan = ImageBuildCommands.Plan(Request(source: Project, revision: new SourceRevision("https://example.com/a;b,c%d", Sha)), DockerAmd64);

        Assert.Contains("-p:PrivateRepositoryUrl=https://example.com/a%3Bb%2Cc%25d", plan.Build[0].Arguments);
    }

    [Fact]
    public void A_Dockerfile_needs_an_engine()
    {
        var error = Assert.Throws<DeployUsageException>(() => ImageBuildCommands.Plan(Request(), null));

        Assert.Contains("needs docker or podman", error.Message, StringComparison.Ordinal);
        Assert.Contains(ContainerEngineDetector.OverrideVariable, error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void The_test_runs_the_first_word_as_entrypoint_and_the_rest_as_arguments()
    {
        var plan = ImageBuildCommands.Plan(Request(test: "curl -f \"http://localhost:8080/_health\" --header 'X-Check: yes'"), DockerAmd64);

        Assert.Equal(
            ["docker", "run", "--rm", "--platform", "linux/amd64", "--entrypoint", "curl", Image, "-f", "http://localhost:8080/_health", "--header", "X-Check: yes"],
            Assert.Single(plan.Tests).Argv);
        Assert.Equal([.. plan.Build, .. plan.Tests], plan.Commands);
    }

    [Fact]
    public void Several_tests_run_after_the_build_in_the_order_given()
    {
        var request = ImageBuildRequest.For(
            TestSettings.For(environment: "qa", account: "111111111111", region: "eu-west-1"), Dockerfile, "abc1234", SourceRevision.None, Created, ["dotnet App.dll --self-test", " ", "dotnet App.dll --check-migrations"], "/tmp/a.tar.gz");

        var plan = ImageBuildCommands.Plan(request, DockerAmd64);

        Assert.Equal(
            [["--entrypoint", "dotnet", Image, "App.dll", "--self-test"], ["--entrypoint", "dotnet", Image, "App.dll", "--check-migrations"]],
            plan.Tests.Select(t => t.Argv.Skip(5).ToArray()));
        Assert.Equal([.. plan.Build, .. plan.Tests], plan.Commands);
    }

    [Fact]
    public void A_test_that_wants_a_shell_says_so_and_keeps_its_script_as_one_argument()
    {
        var plan = ImageBuildCommands.Plan(Request(test: "sh -c 'dotnet TodoApi.dll --self-test && echo ok'", architecture: CpuArchitecture.Arm64), PodmanAmd64);

        Assert.Equal(
            ["podman", "run", "--rm", "--platform", "linux/arm64", "--entrypoint", "sh", Image, "-c", "dotnet TodoApi.dll --self-test && echo ok"],
            Assert.Single(plan.Tests).Argv);
        Assert.Equal($"podman run --rm --platform linux/arm64 --entrypoint sh {Image} -c 'dotnet TodoApi.dll --self-test && echo ok'", plan.Tests[0].ToShell());
    }

    [Fact]
    public void A_test_needs_an_engine_to_run_in()
    {
        var error = Assert.Throws<DeployUsageException>(() => ImageBuildCommands.Plan(Request(source: Project, test: "dotnet --info"), null));

        Assert.Contains("--test", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Docker_pushes_with_the_login_folder_as_its_config_and_podman_with_it_as_authfile()
    {
        var docker = Assert.Single(ImageBuildCommands.Push(Request(), DockerAmd64, "/tmp/login"));
        var podman = Assert.Single(ImageBuildCommands.Push(Request(), PodmanAmd64, "/tmp/login"));

        Assert.Equal(["docker", "--config", "/tmp/login", "push", Image], docker.Argv);
        Assert.Equal(["podman", "push", "--authfile", "/tmp/login/config.json", Image], podman.Argv);
    }

    [Fact]
    public void On_the_local_region_the_tag_names_the_local_registry()
    {
        var request = Request(environment: "local");

        Assert.Equal("000000000000.dkr.ecr.local.localhost/todo-api:abc1234", request.Image);
    }

    [Theory]
    [InlineData("-dirty")]
    [InlineData(".hidden")]
    [InlineData("has space")]
    [InlineData("")]
    public void A_version_that_cannot_be_a_tag_is_refused(string version)
    {
        Assert.Throws<DeployUsageException>(() => ImageBuildRequest.For(TestSettings.For(), Dockerfile, version, SourceRevision.None, Created, [], "/tmp/a.tar.gz"));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("/a/b-c_d.e:f=g@h,i+j%", "/a/b-c_d.e:f=g@h,i+j%")]
    [InlineData("two words", "'two words'")]
    [InlineData("it's", "'it'\\''s'")]
    [InlineData("$HOME", "'$HOME'")]
    [InlineData("", "''")]
    public void Words_are_shell_quoted_only_when_a_shell_would_change_them(string word, string quoted) =>
        Assert.Equal(quoted, ShellQuoting.Quote(word));

    [Theory]
    [InlineData("https://github.com/acme/todo.git", "https://github.com/acme/todo")]
    [InlineData("https://x-access-token:ghs_secret@github.com/acme/todo.git", "https://github.com/acme/todo")]
    [InlineData("git@github.com:acme/todo.git", "https://github.com/acme/todo")]
    [InlineData("ssh://git@github.com:22/acme/todo.git", "https://github.com/acme/todo")]
    [InlineData("https://gitlab.example.com/group/sub/todo", "https://gitlab.example.com/group/sub/todo")]
    public void The_source_label_is_the_remote_without_credentials(string remote, string label) =>
        Assert.Equal(label, SourceRevision.PublicUrl(remote));
}

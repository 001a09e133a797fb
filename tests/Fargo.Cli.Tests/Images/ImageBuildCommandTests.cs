using System.Diagnostics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Cli.Tests.Support;

namespace Fargo.Cli.Tests.Images;

/// <summary>
/// `fargo build` and `fargo push` for AWS environments, run in-process with a fake docker first on PATH (the host's
/// PATH, so nothing global changes): the commands shown by --dry-run, the commands run, --test, and refusals.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class ImageBuildCommandTests : IDisposable
{
    private const string Registry = "111111111111.dkr.ecr.eu-west-1.amazonaws.com";
    private const string Config = """
        name = "todo-api"
        port = 8080

        [environments.qa]
        account = "111111111111"
        region = "eu-west-1"

        [environments.arm]
        account = "111111111111"
        region = "eu-west-1"
        resources = { platform = "linux/arm64" }
        """;

    private readonly TempFolder _folder = new();

    // Outside the project folder, so that nothing Fargo keeps there makes the git tree dirty.
    private readonly string _home = Path.Combine(Path.GetTempPath(), "fargo-cli-tests-home-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        _folder.Dispose();
        if (Directory.Exists(_home))
        {
            Directory.Delete(_home, recursive: true);
        }
    }

    private async Task<CliResult> FargoAsync(FakeContainerEngine? engine, IReadOnlyDictionary<string, string>? variables, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var path = (engine is null ? "" : engine.BinFolder + ":") + Environment.GetEnvironmentVariable("PATH");
        var host = FargoCli.HostFor(_folder.Path, output, error) with
        {
            GetEnvironmentVariable = name => name == "PATH" ? path : variables?.GetValueOrDefault(name) ?? (name is "HOME" or "FARGO_HOME" ? _home : null),
        };
        var exitCode = await FargoApp.RunAsync(args, host, CancellationToken.None);
        return new CliResult(exitCode, output.ToString(), error.ToString());
    }

    private void DockerProject()
    {
        _folder.Write("fargo.toml", Config);
        _folder.Write("Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY out /app\n");
    }

    private string Git(params string[] args)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = _folder.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in (string[])["-c", "user.email=ci@example.com", "-c", "user.name=CI", "-c", "init.defaultBranch=main", .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', args)}: {process.StandardError.ReadToEnd()}");
        return output.Trim();
    }

    [Fact]
    public async Task Dry_run_prints_the_docker_build_with_the_git_version_tag_and_labels_and_runs_nothing()
    {
        DockerProject();
        Git("init", "-q");
        Git("remote", "add", "origin", "https://x-access-token:ghs_secret@github.com/acme/todo.git");
        Git("add", ".");
        Git("commit", "-q", "-m", "first");
        var sha = Git("rev-parse", "HEAD");
        var version = Git("rev-parse", "--short", "HEAD");
        using var docker = new FakeContainerEngine();

        var result = await FargoAsync(docker, null, "build", "--env", "qa", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        var line = Assert.Single(result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var created = CreatedLabel().Match(line);
        Assert.True(created.Success, line);
        Assert.True(DateTimeOffset.UtcNow - DateTimeOffset.Parse(created.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) < TimeSpan.FromMinutes(5));
        Assert.Equal(
            $"docker build --platform linux/amd64 --file {_folder.File("Dockerfile")} --tag {Registry}/todo-api:{version} " +
            $"--label org.opencontainers.image.source=https://github.com/acme/todo --label org.opencontainers.image.revision={sha} " +
            $"--label org.opencontainers.image.created={created.Groups[1].Value} --label org.opencontainers.image.version={version} {_folder.Path}",
            line);
        Assert.DoesNotContain("ghs_secret", result.Out + result.Error, StringComparison.Ordinal);
        Assert.Empty(docker.Calls);
    }

    [Fact]
    public async Task Dry_run_as_json_gives_each_command_as_an_array()
    {
        DockerProject();
        using var docker = new FakeContainerEngine();

        var result = await FargoAsync(docker, null, "build", "--env", "qa", "--version", "v1", "--test", "dotnet TodoApi.dll --self-test", "--dry-run", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var root = json.RootElement;
        Assert.Equal(("docker", "dockerfile", "linux/amd64", $"{Registry}/todo-api:v1", true), (root.GetProperty("engine").GetString(), root.GetProperty("source").GetString(), root.GetProperty("platform").GetString(), root.GetProperty("image").GetString(), root.GetProperty("dryRun").GetBoolean()));
        var commands = root.GetProperty("commands").EnumerateArray().Select(c => c.EnumerateArray().Select(a => a.GetString()!).ToList()).ToList();
        Assert.Equal(2, commands.Count);
        Assert.Equal(["docker", "build", "--platform", "linux/amd64", "--file", _folder.File("Dockerfile")], commands[0].Take(6));
        Assert.Equal(["docker", "run", "--rm", "--platform", "linux/amd64", "--entrypoint", "dotnet", $"{Registry}/todo-api:v1", "TodoApi.dll", "--self-test"], commands[1]);
        Assert.Empty(docker.Calls);
    }

    [Fact]
    public async Task Test_given_twice_runs_both_inside_the_image_in_the_order_given()
    {
        DockerProject();
        using var docker = new FakeContainerEngine();

        var result = await FargoAsync(docker, null, "build", "--env", "qa", "--version", "v1", "--test", "dotnet TodoApi.dll --self-test", "--test", "sh -c 'exit 0'", "--dry-run", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Out);
        var commands = json.RootElement.GetProperty("commands").EnumerateArray().Select(c => c.EnumerateArray().Select(a => a.GetString()!).ToList()).ToList();
        Assert.Equal(3, commands.Count);
        Assert.Equal(["--entrypoint", "dotnet", $"{Registry}/todo-api:v1", "TodoApi.dll", "--self-test"], commands[1].Skip(5));
        Assert.Equal(["--entrypoint", "sh", $"{Registry}/todo-api:v1", "-c", "exit 0"], commands[2].Skip(5));
    }

    [Fact]
    public async Task An_arm64_service_is_cross_built_with_buildx_on_an_amd64_engine()
    {
        DockerProject();
        using var docker = new FakeContainerEngine(platform: "linux/amd64");

        var result = await FargoAsync(docker, null, "build", "--env", "arm", "--version", "v1", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.StartsWith("docker buildx build --platform linux/arm64 --load --file ", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Build_runs_the_build_then_the_test_inside_the_image()
    {
        DockerProject();
        using var docker = new FakeContainerEngine();

        var result = await FargoAsync(docker, null, "build", "--env", "qa", "--version", "v1", "--test", "dotnet TodoApi.dll --self-test");

        Assert.True(result.ExitCode == 0, result.ToString());
        var calls = docker.Calls;
        Assert.Equal(2, calls.Count);
        Assert.Equal(["build", "--platform", "linux/amd64"], calls[0].Arguments.Take(3));
        Assert.Equal(["run", "--rm", "--platform", "linux/amd64", "--entrypoint", "dotnet", $"{Registry}/todo-api:v1", "TodoApi.dll", "--self-test"], calls[1].Arguments);
        Assert.Contains($"$ docker run --rm --platform linux/amd64 --entrypoint dotnet {Registry}/todo-api:v1 TodoApi.dll --self-test", result.Out, StringComparison.Ordinal);
        Assert.Contains($"✔ Built {Registry}/todo-api:v1, tested", result.Out, StringComparison.Ordinal);
        Assert.Contains("fargo push --env qa --version v1", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_test_fails_the_build_naming_the_command_and_its_last_lines()
    {
        DockerProject();
        using var docker = new FakeContainerEngine(runExitCode: 3);

        var result = await FargoAsync(docker, null, "build", "--env", "qa", "--version", "v1", "--test", "dotnet TodoApi.dll --self-test");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"`docker run --rm --platform linux/amd64 --entrypoint dotnet {Registry}/todo-api:v1 TodoApi.dll --self-test` failed with exit code 3", result.Error, StringComparison.Ordinal);
        Assert.Contains("self-test output", result.Error, StringComparison.Ordinal);
        Assert.Contains("should not be pushed", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FARGO_CONTAINER_ENGINE_chooses_podman()
    {
        DockerProject();
        using var docker = new FakeContainerEngine();
        using var podman = new FakeContainerEngine(name: "podman");
        var variables = new Dictionary<string, string> { ["FARGO_CONTAINER_ENGINE"] = "podman", ["PATH_EXTRA"] = "" };

        using var output = new StringWriter();
        using var error = new StringWriter();
        var path = podman.BinFolder + ":" + docker.BinFolder + ":" + Environment.GetEnvironmentVariable("PATH");
        var host = FargoCli.HostFor(_folder.Path, output, error) with
        {
            GetEnvironmentVariable = name => name == "PATH" ? path : variables.GetValueOrDefault(name),
        };
        var exitCode = await FargoApp.RunAsync(["build", "--env", "arm", "--version", "v1"], host, CancellationToken.None);

        Assert.True(exitCode == 0, output + "\n" + error);
        Assert.Empty(docker.Calls);
        var call = Assert.Single(podman.Calls);
        Assert.Equal(["build", "--platform", "linux/arm64", "--file"], call.Arguments.Take(4));
    }

    [Fact]
    public async Task A_dotnet_project_without_a_Dockerfile_is_published_by_the_SDK_then_tagged()
    {
        _folder.Write("fargo.toml", Config);
        var project = _folder.Write("src/TodoApi/TodoApi.csproj", "<Project Sdk=\"Microsoft.NET.Sdk.Web\"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>");
        using var docker = new FakeContainerEngine();

        var result = await FargoAsync(docker, null, "build", "--env", "arm", "--version", "v1", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.Equal(
            $"dotnet publish {project} -c Release -t:PublishContainer -p:ContainerRepository=todo-api -p:ContainerImageTag=v1 " +
            "-p:ContainerRuntimeIdentifier=linux-arm64 -p:ContainerVersion=v1 -p:LocalRegistry=Docker",
            lines[0]);
        Assert.Equal($"docker tag todo-api:v1 {Registry}/todo-api:v1", lines[1]);
    }

    [Fact]
    public async Task Push_dry_run_shows_the_login_folder_never_a_token()
    {
        DockerProject();
        using var docker = new FakeContainerEngine();

        var result = await FargoAsync(docker, null, "push", "--env", "qa", "--version", "v1", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"docker --config {Path.Combine(Path.GetTempPath(), "fargo-registry-login-XXXX")} push {Registry}/todo-api:v1\n", result.Out);
        Assert.Empty(docker.Calls);
    }

    [Fact]
    public async Task Test_and_dry_run_are_refused_on_the_local_region()
    {
        DockerProject();

        var result = await FargoAsync(null, null, "build", "--test", "true");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--test and --dry-run apply to container images", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_that_cannot_be_a_tag_is_refused()
    {
        DockerProject();
        using var docker = new FakeContainerEngine();

        var result = await FargoAsync(docker, null, "build", "--env", "qa", "--version", "bad/tag", "--dry-run");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("cannot be an image tag", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_an_app_build_and_push_work_on_every_service_called_ones_first_each_into_its_own_repository()
    {
        AppProject();
        using var docker = new FakeContainerEngine();

        var build = await FargoAsync(docker, null, "build", "--env", "qa", "--version", "v1", "--test", "dotnet Shop.dll --self-test");
        var push = await FargoAsync(docker, null, "push", "--env", "qa", "--version", "v1", "--dry-run");

        Assert.True(build.ExitCode == 0, build.ToString());
        var tags = docker.Calls.Where(c => c.Arguments[0] == "build").Select(c => c.Arguments[c.Arguments.ToList().IndexOf("--tag") + 1]);
        Assert.Equal([$"{Registry}/pricing:v1", $"{Registry}/web:v1"], tags);
        // --test runs inside each image.
        Assert.Equal([$"{Registry}/pricing:v1", $"{Registry}/web:v1"], docker.Calls.Where(c => c.Arguments[0] == "run").Select(c => c.Arguments[6]));
        Assert.True(push.ExitCode == 0, push.ToString());
        var login = Path.Combine(Path.GetTempPath(), "fargo-registry-login-XXXX");
        Assert.Equal($"docker --config {login} push {Registry}/pricing:v1\ndocker --config {login} push {Registry}/web:v1\n", push.Out);
    }

    [Fact]
    public async Task In_an_app_the_json_of_build_and_push_is_one_array_and_service_picks_one()
    {
        AppProject();
        using var docker = new FakeContainerEngine();

        var build = await FargoAsync(docker, null, "build", "--env", "qa", "--version", "v1", "--dry-run", "--output", "json");
        var push = await FargoAsync(docker, null, "push", "--env", "qa", "--version", "v1", "--dry-run", "--output", "json");
        var one = await FargoAsync(docker, null, "build", "--env", "qa", "--version", "v1", "--dry-run", "--output", "json", "--service", "web");

        Assert.True(build.ExitCode == 0, build.ToString());
        using var builds = JsonDocument.Parse(build.Out);
        Assert.Equal(
            [("pricing", $"{Registry}/pricing:v1"), ("web", $"{Registry}/web:v1")],
            builds.RootElement.EnumerateArray().Select(b => (b.GetProperty("service").GetString(), b.GetProperty("image").GetString())));
        using var pushes = JsonDocument.Parse(push.Out);
        Assert.Equal(["pricing", "web"], pushes.RootElement.EnumerateArray().Select(p => p.GetProperty("service").GetString()));
        Assert.True(one.ExitCode == 0, one.ToString());
        using var single = JsonDocument.Parse(one.Out);
        Assert.Equal("web", single.RootElement.GetProperty("service").GetString());
        Assert.Empty(docker.Calls);
    }

    [Fact]
    public async Task In_an_app_the_first_failing_service_stops_the_build_and_is_named()
    {
        AppProject();
        using var docker = new FakeContainerEngine(runExitCode: 3);

        var result = await FargoAsync(docker, null, "build", "--env", "qa", "--version", "v1", "--test", "dotnet Shop.dll --self-test");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("pricing failed (none before it); the 1 service(s) after it were not attempted.", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(docker.Calls, c => c.Arguments.Contains($"{Registry}/web:v1"));
    }

    private void AppProject()
    {
        // Two services from one Dockerfile.
        _folder.Write("fargo.toml", Configs.App);
        _folder.Write("Dockerfile", "FROM mcr.microsoft.com/dotnet/aspnet:10.0\nCOPY out /app\n");
    }

    [GeneratedRegex(@"org\.opencontainers\.image\.created=(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ) ")]
    private static partial Regex CreatedLabel();
}

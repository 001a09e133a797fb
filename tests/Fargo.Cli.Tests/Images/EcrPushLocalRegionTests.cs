using System.Text.Json;
using System.Text.RegularExpressions;
using Fargo.Aws;
using Fargo.Cli.Configuration;
using Fargo.Cli.Tests.EndToEnd.Support;
using Fargo.Cli.Tests.Support;
using Fargo.Config;
using Fargo.Deploy.Images.Building;
using Fargo.Deploy.Images.Pushing;
using Fargo.Deploy.Targets;

namespace Fargo.Cli.Tests.Images;

/// <summary>
/// ECR login and push against a real local region: GetAuthorizationToken, the temporary Docker config handed to a fake
/// docker, whose push imports the image into the local ECR (`fargo local import`), and the digest read back from ECR.
/// </summary>
[Collection(LocalRegionCollection.Name)]
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class EcrPushLocalRegionTests(LocalRegionFixture region) : IDisposable
{
    private const string Registry = "000000000000.dkr.ecr.local.localhost";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Push_logs_in_through_a_temporary_config_creates_the_repository_and_reports_the_digest_ECR_holds()
    {
        var service = "pushsvc" + Guid.NewGuid().ToString("N")[..6];
        _folder.Write("fargo.toml", $"name = \"{service}\"\nport = 8080\n");
        _folder.Write("Dockerfile", "FROM scratch\n");
        var settings = Environments.Select((ServiceConfig)new ConfigLoader().Load(_folder.File("fargo.toml")), null, null);
        var exports = string.Concat(region.Environment.Where(e => e.Value is not null).Select(e => $"{e.Key}='{e.Value}'; export {e.Key}; "));
        using var docker = new FakeContainerEngine(
            pushCommand: $"{exports}dotnet '{E2eProcess.FargoAssembly}' local import \"$ARTIFACT\" \"${{IMAGE#*/}}\" > '{_folder.File("import.out")}' 2>&1");
        var engine = new ContainerEngine(ContainerEngineKind.Docker, Path.Combine(docker.BinFolder, "docker"), "linux/amd64");
        var request = ImageBuildRequest.For(
            settings, BuildSourceLocator.Locate(settings.Image), "v1", SourceRevision.None, DateTimeOffset.UtcNow, [], _folder.File("unused.tar.gz"));
        Assert.Equal($"{Registry}/{service}:v1", request.Image);
        using var session = await ConnectAsync(settings);
        var commands = new List<string>();
        var output = new List<string>();

        await ImageBuilder.RunAsync(ImageBuildCommands.Plan(request, engine), new Recorder<ProcessCommand>(c => commands.Add(c.ToShell())), new Recorder<string>(output.Add), CancellationToken.None);
        var pushed = await ImagePusher.PushAsync(session.Target, request, engine, new Recorder<ProcessCommand>(c => commands.Add(c.ToShell())), new Recorder<string>(output.Add), CancellationToken.None);

        var imported = _folder.Read("import.out");
        Assert.Equal(PinnedDigest().Match(imported).Groups[1].Value, pushed.Digest);
        Assert.Equal($"{Registry}/{service}@{pushed.Digest}", pushed.PinnedImage);
        Assert.True(pushed.RepositoryCreated);

        var push = docker.Calls[^1];
        Assert.Equal(["--config", push.Arguments[1], "push", request.Image], push.Arguments);
        Assert.False(Directory.Exists(push.Arguments[1]), "The login folder is gone after the push.");
        using var config = JsonDocument.Parse(push.Config ?? throw new InvalidOperationException("docker was not handed a config.json"));
        var token = config.RootElement.GetProperty("auths").GetProperty(Registry).GetProperty("auth").GetString()!;
        Assert.Contains(':', System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(token)));
        Assert.DoesNotContain(docker.Calls.SelectMany(c => c.Arguments), a => a.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(commands.Concat(output), line => line.Contains(token, StringComparison.Ordinal));
        Assert.DoesNotContain(token, imported, StringComparison.Ordinal);

        var repository = await region.AwsAsync("ecr", "describe-repositories", "--repository-names", service);
        Assert.True(repository.ExitCode == 0, region.Explain(repository));
        using var described = JsonDocument.Parse(repository.Out);
        var created = described.RootElement.GetProperty("repositories")[0];
        Assert.Equal("IMMUTABLE", created.GetProperty("imageTagMutability").GetString());
        Assert.True(created.GetProperty("imageScanningConfiguration").GetProperty("scanOnPush").GetBoolean());
    }

    private async Task<TargetSession> ConnectAsync(Fargo.Config.Model.ServiceSettings settings)
    {
        var env = await region.FargoAsync(Path.GetTempPath(), "local", "env", "--output", "json");
        Assert.True(env.ExitCode == 0, region.Explain(env));
        var variables = JsonSerializer.Deserialize<Dictionary<string, string>>(env.Out)!;
        var access = new LocalRegionAccess(new Uri(variables["AWS_ENDPOINT_URL"]), variables["AWS_ACCESS_KEY_ID"], variables["AWS_SECRET_ACCESS_KEY"]);
        var resolver = new TargetResolver(new RunningLocalRegion(access), new NoAwsEnvironment(), null);
        return await resolver.ConnectAsync(TargetEnvironment.Of(settings.Environment), ServiceSpec.FromSettings(settings), CancellationToken.None);
    }

    [GeneratedRegex(@"@(sha256:[0-9a-f]{64})")]
    private static partial Regex PinnedDigest();

    private sealed class Recorder<T>(Action<T> record) : IProgress<T>
    {
        private readonly Lock _gate = new();

        public void Report(T value)
        {
            lock (_gate)
            {
                record(value);
            }
        }
    }

    private sealed class RunningLocalRegion(LocalRegionAccess access) : ILocalRegion
    {
        public Task<LocalRegionAccess> EnsureRunningAsync(CancellationToken cancellationToken) => Task.FromResult(access);
    }

    private sealed class NoAwsEnvironment : IAwsEnvironment
    {
        public string? GetVariable(string name) => null;

        public string? ReadFile(string path) => null;

        public string HomeDirectory => Path.GetTempPath();
    }
}

using System.Text.Json;
using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Tests.Infra.Support;
using Fargo.Cli.Tests.Support;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure;

namespace Fargo.Cli.Tests.Infra;

/// <summary>
/// `fargo infra synth | up | down --env qa` without --service on a file of two services (a web API that calls an internal
/// pricing service): the stacks of the whole app in one toolkit run, each service with its own parameters, callers
/// deleted first. The app is synthesized for real; the toolkit and AWS are fakes (the command lines are checked).
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class InfraAppTests : IDisposable
{
    private const string App = """
        name = "shop"

        [services.api]
        port = 8080
        calls = ["pricing"]

        [services.pricing]
        kind = "internal"
        port = 9090

        [environments.qa]
        account = "111111111111"
        region = "us-east-1"
        network = { domain = "qa.shop.example.com", hosted_zone = "example.com", nat = "single" }

        """;

    private const string PricingImage = "111111111111.dkr.ecr.us-east-1.amazonaws.com/pricing@sha256:0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";

    private readonly InfraSynthesisFixture _fixture;
    private readonly TempFolder _folder = new();
    private readonly FakeToolkitRunner _runner = new();
    private readonly FakeAws _aws = new();
    private readonly string _config;
    private readonly ServiceConfig _app;

    public InfraAppTests(InfraSynthesisFixture fixture)
    {
        _fixture = fixture;
        _config = _folder.Write("fargo.toml", App);
        _app = Assert.IsType<ServiceConfig>(new ConfigLoader().Load(_config));
        _aws.HostedZones.Add(("Z0PUBLIC", "example.com", false));
    }

    public void Dispose() => _folder.Dispose();

    private string Assemblies => Path.Combine(_folder.File("out"), "qa");

    [Fact]
    public async Task Synth_writes_the_environment_stack_and_every_service_stack_in_deploy_order()
    {
        var result = await RunAsync("infra", "synth", "--env", "qa", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var environment = JsonDocument.Parse(result.Out).RootElement.GetProperty("environments")[0];
        Assert.Equal("qa", environment.GetProperty("name").GetString());
        Assert.Equal(["fargo-qa", "fargo-qa-pricing", "fargo-qa-api"], environment.GetProperty("stacks").EnumerateArray().Select(s => s.GetProperty("name").GetString()));
        Assert.All(environment.GetProperty("stacks").EnumerateArray(), s => Assert.True(File.Exists(s.GetProperty("template").GetString())));
    }

    [Fact]
    public async Task Up_deploys_every_service_stack_in_one_run_each_keeping_its_own_live_image()
    {
        var pricing = _app.ForEnvironment("qa", "pricing");
        _aws.Service = new RunningService(
            pricing.Names.Cluster, pricing.Names.Service, pricing.Names.ContainerName,
            $"arn:aws:ecs:us-east-1:111111111111:task-definition/{pricing.Names.TaskFamily}:3", PricingImage);

        var result = await RunAsync("infra", "up", "--env", "qa", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var api = _app.ForEnvironment("qa", "api");
        Assert.Equal(
            [
                "deploy", "--app", Assemblies, "--no-color", "--no-notices",
                "--require-approval", "never", "--progress", "events", "--outputs-file", Path.Combine(Assemblies, "outputs.json"),
                // pricing runs an image, which its stack keeps; api runs none yet. The environment's parameters come once.
                "--parameters", $"fargo-qa-pricing:Image={PricingImage}",
                "--parameters", "fargo-qa:HostedZoneId=Z0PUBLIC",
                "--parameters", $"fargo-qa:ConfiguredBy={new EnvironmentOwner("pricing", _config).ToRecorded()}",
                "--parameters", $"fargo-qa-api:ListenerRulePriority={ListenerRulePriorities.Preferred("api", api.Http)}",
                "fargo-qa", "fargo-qa-pricing", "fargo-qa-api",
            ],
            Assert.Single(_runner.ToolkitRuns));

        // One document: an array of the services, in deploy order.
        var services = JsonDocument.Parse(result.Out).RootElement.EnumerateArray().ToList();
        Assert.Equal(["pricing", "api"], services.Select(s => s.GetProperty("service").GetString()));
        Assert.Equal(PricingImage, services[0].GetProperty("liveImage").GetString());
        Assert.False(services[1].TryGetProperty("liveImage", out _));
        Assert.Equal(["fargo-qa", "fargo-qa-api"], services[1].GetProperty("stacks").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task Down_deletes_the_callers_stack_first_then_the_called_ones_then_the_environments()
    {
        var result = await RunAsync("infra", "down", "--env", "qa", "--yes", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            ["destroy", "--app", Assemblies, "--no-color", "--no-notices", "--force", "fargo-qa-api", "fargo-qa-pricing", "fargo-qa"],
            Assert.Single(_runner.ToolkitRuns));
        Assert.Equal(["fargo-qa-api", "fargo-qa-pricing", "fargo-qa"], JsonDocument.Parse(result.Out).RootElement.GetProperty("stacks").EnumerateArray().Select(s => s.GetString()));
    }

    [Fact]
    public async Task With_service_diff_compares_that_service_and_the_environment_only()
    {
        var result = await RunAsync("infra", "diff", "--env", "qa", "--service", "pricing");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["diff", "--app", Assemblies, "--no-color", "--no-notices", "fargo-qa", "fargo-qa-pricing"], Assert.Single(_runner.ToolkitRuns));
    }

    private Task<CliResult> RunAsync(params string[] args)
    {
        var dependencies = new InfraDependencies(_runner, _ => _folder.File("tools"), _fixture.Synthesizer, (_, region) => _aws.Options(region), new ScriptedPrompt(canAsk: false));
        return InfraCli.RunAsync(dependencies, _folder.Path, [.. args, "--config", _config, "--out", _folder.File("out")]);
    }
}

using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Tests.Infra.Support;
using Fargo.Cli.Tests.Support;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Pipelines;

namespace Fargo.Cli.Tests.Infra;

/// <summary>
/// The example with prod moved into qa's account (same region): `fargo infra` works out from the file that qa, written
/// first, creates the one image repository and prod uses it, and `infra down` of qa leaves the shared repository and its
/// images alone. The templates of each placement are checked in Fargo.Infrastructure.Tests; here the synthesizer answers
/// with the example's assemblies carrying the placement the command asked for.
/// </summary>
[Collection(InfraCollection.Name)]
public sealed class InfraSharedRepositoryTests : IDisposable
{
    private readonly InfraSynthesisFixture _fixture;
    private readonly TempFolder _folder = new();
    private readonly FakeToolkitRunner _runner = new();
    private readonly FakeAws _aws = new();
    private readonly PlacementRecorder _synthesizer;
    private readonly string _config;

    public InfraSharedRepositoryTests(InfraSynthesisFixture fixture)
    {
        _fixture = fixture;
        var example = File.ReadAllText(Repository.ExampleConfig);
        Assert.Contains("account = \"222222222222\"", example, StringComparison.Ordinal);
        _config = _folder.Write("fargo.toml", example.Replace("account = \"222222222222\"", "account = \"111111111111\"", StringComparison.Ordinal));
        var original = Assert.IsType<ServiceConfig>(new ConfigLoader().Load(Repository.ExampleConfig));
        _synthesizer = new PlacementRecorder(fixture.Synthesizer, original);
    }

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task Synth_makes_the_first_environment_of_the_account_own_the_repository_and_the_next_import_it()
    {
        var result = await RunAsync(new ScriptedPrompt(canAsk: false), "infra", "synth");

        Assert.True(result.ExitCode == 0, result.ToString());
        var (qa, prod) = (_synthesizer.Placements["qa"], _synthesizer.Placements["prod"]);
        Assert.True(qa.Owns);
        Assert.Equal(["prod"], qa.SharedWith);
        Assert.False(prod.Owns);
        Assert.Equal("qa", prod.OwnerEnvironment);
        Assert.Contains("it uses qa's image repository todo-api, which `fargo infra up --env qa` creates", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Down_of_the_owner_keeps_the_shared_repository_and_its_images()
    {
        _aws.Stacks["fargo-qa"] = new() { [StackOutputs.AccessLogsBucketName] = "fargo-qa-logs" };
        _aws.Stacks["fargo-qa-todo-api"] = new() { [StackOutputs.RepositoryName] = "todo-api", [StackOutputs.DataBucketName] = "todo-data" };
        _aws.Buckets["fargo-qa-logs"] = [("alb/1.log", "v1", false)];
        _aws.Buckets["todo-data"] = [];
        _aws.Repositories["todo-api"] = ["sha256:aaa", "sha256:bbb"];
        var prompt = new ScriptedPrompt(canAsk: true, "qa");

        var result = await RunAsync(prompt, "infra", "down", "--env", "qa");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("is shared with prod (same account and region): it is kept with its images", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain(_aws.Calls, call => call.StartsWith("ECR", StringComparison.Ordinal));
        Assert.Equal(["sha256:aaa", "sha256:bbb"], _aws.Repositories["todo-api"]);
        // Its own buckets are still emptied.
        Assert.Empty(_aws.Buckets["fargo-qa-logs"]);
        Assert.Equal(["destroy"], _runner.ToolkitRuns.Select(FakeToolkitRunner.Verb));
    }

    private Task<CliResult> RunAsync(ScriptedPrompt prompt, params string[] args)
    {
        var dependencies = new InfraDependencies(_runner, _ => _folder.File("tools"), _synthesizer, (_, region) => _aws.Options(region), prompt);
        return InfraCli.RunAsync(dependencies, _folder.Path, [.. args, "--service", "todo-api", "--config", _config, "--out", _folder.File("out")]);
    }

    /// <summary>Records the placement asked for and answers with the example's assembly of the environment, carrying it.</summary>
    private sealed class PlacementRecorder(RecordingSynthesizer example, ServiceConfig exampleConfig) : IInfraSynthesizer
    {
        public Dictionary<string, RepositoryPlacement> Placements { get; } = new(StringComparer.Ordinal);

        public async Task<SynthesizedAssembly> SynthesizeAsync(ServiceSettings settings, RepositoryPlacement repository, string outputDirectory, CancellationToken cancellationToken)
        {
            Placements[settings.Environment.Name] = repository;
            var assembly = await example.SynthesizeAsync(exampleConfig.ForEnvironment(settings.Environment.Name, "todo-api"), RepositoryPlacement.Alone, outputDirectory, cancellationToken);
            return assembly with { Repository = repository };
        }

        public async Task<IReadOnlyList<SynthesizedAssembly>> SynthesizeAppAsync(IReadOnlyList<ServiceSettings> services, Func<ServiceSettings, RepositoryPlacement> repository, string outputDirectory, CancellationToken cancellationToken)
        {
            var environment = services[0].Environment.Name;
            Placements[environment] = repository(services.Single(s => s.Name == "todo-api"));
            var assemblies = await example.SynthesizeAppAsync(exampleConfig.ServicesIn(environment), _ => RepositoryPlacement.Alone, outputDirectory, cancellationToken);
            return [.. assemblies.Zip(services).Select(pair => pair.First with { Repository = repository(pair.Second) })];
        }

        public Task<SingleStackAssembly> SynthesizeDeployAccessAsync(DeliveryPipeline pipeline, string environment, bool trustCodePipeline, string outputDirectory, CancellationToken cancellationToken) =>
            throw new NotSupportedException("not used by these tests");

        public Task<SingleStackAssembly> SynthesizePipelineAsync(DeliveryPipeline pipeline, string outputDirectory, CancellationToken cancellationToken) =>
            throw new NotSupportedException("not used by these tests");
    }
}

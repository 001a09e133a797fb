using System.Diagnostics;
using System.Text.Json.Nodes;
using Fargo.Infrastructure.Tests.Support;
using static Fargo.Infrastructure.Tests.Support.J;

namespace Fargo.Infrastructure.Tests;

/// <summary>
/// The local environment's stacks are the AWS stacks, synthesized by the same code for the local region's account and
/// region; what the local region needs differently is decided in the stacks, not in a second topology.
/// </summary>
[Collection(CdkCollection.Name)]
public sealed class LocalEnvironmentTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "fargo-local-synth-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public void The_local_environment_synthesizes_the_same_stacks_for_account_000000000000_in_region_local()
    {
        var local = new SynthesizedEnvironment(ExampleConfig.ForEnvironment("local"), Path.Combine(_root, "local"));

        Assert.Equal(("000000000000", "local"), (local.Assembly.Account, local.Assembly.Region));
        Assert.Equal(("fargo-local", "fargo-local-todo-api"), (local.Assembly.Stacks.Environment, local.Assembly.Stacks.Service));
        local.Environment.ResourceCountIs("AWS::ElasticLoadBalancingV2::LoadBalancer", 1);
        // No domain: plain HTTP on port 80, which the local region serves on 10080.
        local.Environment.HasResourceProperties("AWS::ElasticLoadBalancingV2::Listener", Like(("Port", 80), ("Protocol", "HTTP")));
        local.Service.HasResourceProperties("AWS::ECR::Repository", Like(("ImageTagMutability", "IMMUTABLE")));
        local.Service.HasResourceProperties("AWS::SecretsManager::Secret", Like(("GenerateSecretString", Like(("GenerateStringKey", "password")))));
        // A local image is a folder without an entrypoint: the container runs [local].command, split as the renderer splits it.
        var container = Like(("Command", A("dotnet", "TodoApi.dll")), ("Secrets", With(Like(("Name", "DB_PASSWORD")))));
        // The edge proxy in front of the API runs its [containers.edge.local] command.
        var edge = Like(("Name", "edge"), ("Command", A("dotnet", "edge-proxy/EdgeProxy.dll")));
        local.Service.HasResourceProperties("AWS::ECS::TaskDefinition", Like(("ContainerDefinitions", A(container, edge))));
        // The data outlives `fargo down` (a final snapshot, which the local region keeps as the data folder).
        local.Service.HasResource("AWS::RDS::DBInstance", Like(("DeletionPolicy", "Snapshot")));
        local.Service.HasResourceProperties("AWS::ECS::Service", Like(("DesiredCount", O(("Fn::If", A("HasLiveImage", O(("Ref", "AWS::NoValue")), 0))))));
        var qaTask = SynthesizedEnvironment.Resources(new SynthesizedEnvironment(ExampleConfig.ForEnvironment("qa"), Path.Combine(_root, "qa")).ServiceJson, "AWS::ECS::TaskDefinition").Values.Single();
        Assert.Null(((JsonArray)qaTask["Properties"]!["ContainerDefinitions"]!)[0]!["Command"]);
    }

    [Fact]
    public async Task An_unchanged_configuration_is_not_synthesized_again_and_a_changed_one_is()
    {
        var cache = new SynthesisCache(Path.Combine(_root, "cache"));
        var settings = ExampleConfig.ForEnvironment("local");
        var synthesized = 0;
        Task<SynthesizedAssembly> Synthesize(string directory, CancellationToken token)
        {
            synthesized++;
            return Task.FromResult(InfrastructureApp.Synthesize(settings, RepositoryPlacement.Alone, directory));
        }

        var clock = Stopwatch.StartNew();
        var cold = await cache.GetOrSynthesizeAsync(settings, RepositoryPlacement.Alone, Synthesize, CancellationToken.None);
        var coldTime = clock.Elapsed;
        var warm = await cache.GetOrSynthesizeAsync(settings, RepositoryPlacement.Alone, Synthesize, CancellationToken.None);
        var changed = settings with { Health = settings.Health with { Path = "/ready" } };
        var afterChange = await cache.GetOrSynthesizeAsync(changed, RepositoryPlacement.Alone, (d, _) => { synthesized++; return Task.FromResult(InfrastructureApp.Synthesize(changed, RepositoryPlacement.Alone, d)); }, CancellationToken.None);

        Assert.Equal((false, true, false), (cold.FromCache, warm.FromCache, afterChange.FromCache));
        Assert.Equal(2, synthesized);
        Assert.Equal(File.ReadAllText(cold.Assembly.ServiceTemplate), File.ReadAllText(warm.Assembly.ServiceTemplate));
        Assert.Contains("/ready", File.ReadAllText(afterChange.Assembly.ServiceTemplate), StringComparison.Ordinal);
        Assert.NotEqual(SynthesisCache.KeyOf(settings, RepositoryPlacement.Alone), SynthesisCache.KeyOf(changed, RepositoryPlacement.Alone));
        Console.WriteLine($"synthesis of the local environment: cold {coldTime.TotalSeconds:0.0} s, from the cache {warm.Elapsed.TotalMilliseconds:0} ms");
    }
}

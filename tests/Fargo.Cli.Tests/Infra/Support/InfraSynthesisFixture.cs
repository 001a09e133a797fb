using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Tests.Support;
using Fargo.Config.Model;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Pipelines;
using Fargo.Infrastructure.Toolkit;

namespace Fargo.Cli.Tests.Infra.Support;

/// <summary>
/// Synthesis is slow (the CDK runs in Node.js: 5–12 s an environment), so the example's AWS environments are
/// synthesized once for the whole collection, by `fargo infra synth --output json` itself; the toolkit tests then get
/// those assemblies from <see cref="Synthesizer"/>. One collection also keeps the jsii runtime, which this process
/// starts once, from being called from several threads at a time.
/// </summary>
public sealed class InfraSynthesisFixture : IAsyncLifetime, IDisposable
{
    private readonly TempFolder _folder = new();

    /// <summary>The working directory of the synth run.</summary>
    public string WorkingDirectory => _folder.Path;

    /// <summary>--out of the synth run, relative to <see cref="WorkingDirectory"/>.</summary>
    public const string OutArgument = "assemblies";

    public string OutDirectory => _folder.File(OutArgument);

    internal RecordingSynthesizer Synthesizer { get; }

    /// <summary>`fargo infra synth --config examples/todo-api/fargo.toml --out assemblies --output json`.</summary>
    public CliResult SynthAll { get; private set; } = new(-1, "", "");

    public InfraSynthesisFixture()
    {
        Synthesizer = new(new CdkSynthesizer(new ProcessRunner()), _folder.File("ci-cd"));
    }

    public async Task InitializeAsync()
    {
        var dependencies = InfraDependencies.ForProcess() with { Synthesizer = Synthesizer };
        SynthAll = await InfraCli.RunAsync(dependencies, WorkingDirectory, "infra", "synth", "--service", "todo-api", "--config", Repository.ExampleConfig, "--out", OutArgument, "--output", "json");
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// Synthesizes each environment once, for real, and afterwards answers with that assembly wherever it is asked to go
/// (recording where that was), so the toolkit tests pay no synthesis of their own.
/// </summary>
/// <remarks>The CI/CD stacks are synthesized into <paramref name="stableRoot"/> (the fixture's), as the tests' own folders come and go.</remarks>
internal sealed class RecordingSynthesizer(IInfraSynthesizer inner, string stableRoot) : IInfraSynthesizer
{
    private readonly Dictionary<string, SynthesizedAssembly> _assemblies = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SingleStackAssembly> _single = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<SynthesizedAssembly>> _apps = new(StringComparer.Ordinal);

    /// <summary>The folders synthesis was asked to write, in order.</summary>
    public List<string> Requested { get; } = [];

    /// <summary>The CI/CD stacks synthesis was asked for: "deploy-access ENV (trusting CodePipeline: BOOL)" or "pipeline".</summary>
    public List<string> SingleStacks { get; } = [];

    /// <summary>The repository placement each synthesis was asked for, in order.</summary>
    public List<(string Environment, RepositoryPlacement Repository)> Placements { get; } = [];

    public async Task<SynthesizedAssembly> SynthesizeAsync(ServiceSettings settings, RepositoryPlacement repository, string outputDirectory, CancellationToken cancellationToken)
    {
        Requested.Add(outputDirectory);
        Placements.Add((settings.Environment.Name, repository));
        if (!_assemblies.TryGetValue(settings.Environment.Name, out var assembly))
        {
            assembly = await inner.SynthesizeAsync(settings, repository, outputDirectory, cancellationToken);
            _assemblies[settings.Environment.Name] = assembly;
        }
        else if (!SamePlacement(assembly.Repository, repository))
        {
            // The cached templates would be the wrong ones: a test asking for another placement needs its own synthesis.
            throw new InvalidOperationException($"{settings.Environment.Name} was synthesized with {assembly.Repository}, not {repository}");
        }

        return assembly;
    }

    /// <summary>
    /// An app of one service is that service's synthesis; an app of several (the example: its API and worker) is
    /// synthesized once per environment (first by the fixture's own `fargo infra synth`, into its folder), and answered
    /// again wherever it is asked to go.
    /// </summary>
    public async Task<IReadOnlyList<SynthesizedAssembly>> SynthesizeAppAsync(IReadOnlyList<ServiceSettings> services, Func<ServiceSettings, RepositoryPlacement> repository, string outputDirectory, CancellationToken cancellationToken)
    {
        if (services.Count == 1)
        {
            return [await SynthesizeAsync(services[0], repository(services[0]), outputDirectory, cancellationToken)];
        }

        var environment = services[0].Environment.Name;
        Requested.Add(outputDirectory);
        Placements.AddRange(services.Select(s => (environment, repository(s))));
        // Only what the fixture synthesized into its own folder (the example's app) is answered again: another app a test
        // makes is synthesized into that test's folder, which goes with the test, so it is synthesized each time.
        var app = environment + ": " + string.Join(", ", services.Select(s => s.Name));
        if (!_apps.TryGetValue(app, out var assemblies))
        {
            assemblies = await inner.SynthesizeAppAsync(services, repository, outputDirectory, cancellationToken);
            if (Path.GetFullPath(outputDirectory).StartsWith(Path.GetDirectoryName(Path.GetFullPath(stableRoot))! + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                _apps[app] = assemblies;
            }
        }
        else if (!assemblies.Zip(services).All(pair => SamePlacement(pair.First.Repository, repository(pair.Second))))
        {
            throw new InvalidOperationException($"{environment} was synthesized with other repository placements");
        }

        return assemblies;
    }

    private static bool SamePlacement(RepositoryPlacement a, RepositoryPlacement b) =>
        a.Owns == b.Owns && a.OwnerEnvironment == b.OwnerEnvironment && a.SharedWith.SequenceEqual(b.SharedWith, StringComparer.Ordinal);

    public Task<SingleStackAssembly> SynthesizeDeployAccessAsync(DeliveryPipeline pipeline, string environment, bool trustCodePipeline, string outputDirectory, CancellationToken cancellationToken) =>
        SingleAsync($"deploy-access {environment} (trusting CodePipeline: {trustCodePipeline})", outputDirectory,
            () => inner.SynthesizeDeployAccessAsync(pipeline, environment, trustCodePipeline, Path.Combine(stableRoot, $"{environment}-{trustCodePipeline}", Path.GetFileName(outputDirectory)), cancellationToken));

    public Task<SingleStackAssembly> SynthesizePipelineAsync(DeliveryPipeline pipeline, string outputDirectory, CancellationToken cancellationToken) =>
        SingleAsync("pipeline", outputDirectory, () => inner.SynthesizePipelineAsync(pipeline, Path.Combine(stableRoot, "pipeline"), cancellationToken));

    private async Task<SingleStackAssembly> SingleAsync(string key, string outputDirectory, Func<Task<SingleStackAssembly>> synthesize)
    {
        Requested.Add(outputDirectory);
        SingleStacks.Add(key);
        if (!_single.TryGetValue(key, out var assembly))
        {
            assembly = await synthesize();
            _single[key] = assembly;
        }

        return assembly;
    }
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraSynthesisFixture>
{
    public const string Name = "fargo infra (CDK synthesis)";
}

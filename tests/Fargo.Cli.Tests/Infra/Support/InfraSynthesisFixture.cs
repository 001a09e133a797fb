using Fargo.Cli.Commands.Infra;
using Fargo.Cli.Tests.Support;
using Fargo.Config.Model;
using Fargo.Infrastructure;
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

    internal RecordingSynthesizer Synthesizer { get; } = new(new CdkSynthesizer(new ProcessRunner()));

    /// <summary>`fargo infra synth --config examples/todo-api/fargo.toml --out assemblies --output json`.</summary>
    public CliResult SynthAll { get; private set; } = new(-1, "", "");

    public async Task InitializeAsync()
    {
        var dependencies = InfraDependencies.ForProcess() with { Synthesizer = Synthesizer };
        SynthAll = await InfraCli.RunAsync(dependencies, WorkingDirectory, "infra", "synth", "--config", Repository.ExampleConfig, "--out", OutArgument, "--output", "json");
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
internal sealed class RecordingSynthesizer(IInfraSynthesizer inner) : IInfraSynthesizer
{
    private readonly Dictionary<string, SynthesizedAssembly> _assemblies = new(StringComparer.Ordinal);

    /// <summary>The folders synthesis was asked to write, in order.</summary>
    public List<string> Requested { get; } = [];

    public async Task<SynthesizedAssembly> SynthesizeAsync(ServiceSettings settings, string outputDirectory, CancellationToken cancellationToken)
    {
        Requested.Add(outputDirectory);
        if (!_assemblies.TryGetValue(settings.Environment.Name, out var assembly))
        {
            assembly = await inner.SynthesizeAsync(settings, outputDirectory, cancellationToken);
            _assemblies[settings.Environment.Name] = assembly;
        }

        return assembly;
    }
}

[CollectionDefinition(Name)]
public sealed class InfraCollection : ICollectionFixture<InfraSynthesisFixture>
{
    public const string Name = "fargo infra (CDK synthesis)";
}

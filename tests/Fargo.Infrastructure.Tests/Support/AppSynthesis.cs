using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Fargo.Config;

namespace Fargo.Infrastructure.Tests.Support;

/// <summary>
/// An app of several services (a fargo.toml's text) synthesized once in one environment, for the tests of a class:
/// the assemblies, the environment's template, and each service's template by service name (as CDK assertions and as JSON).
/// </summary>
public abstract class AppSynthesis : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fargo-app-tests-").FullName;

    protected AppSynthesis(string config, string environment)
    {
        var loaded = (ServiceConfig)new ConfigLoader().Parse(config, "/work/app/fargo.toml");
        var services = loaded.ServicesIn(environment);
        var model = InfrastructureApp.BuildApp(InfrastructureApp.NewApp(_root), services, _ => RepositoryPlacement.Alone, _root);
        model.App.Synth();
        Assemblies = model.Assemblies;
        Environment = Template.FromStack(model.Environment);
        Services = model.Services.Zip(services).ToDictionary(p => p.Second.Name, p => Template.FromStack(p.First), StringComparer.Ordinal);
        Json = model.Assemblies.Zip(services).ToDictionary(p => p.Second.Name, p => JsonNode.Parse(File.ReadAllText(p.First.ServiceTemplate))!.AsObject(), StringComparer.Ordinal);
    }

    public IReadOnlyList<SynthesizedAssembly> Assemblies { get; }

    public Template Environment { get; }

    public IReadOnlyDictionary<string, Template> Services { get; }

    public IReadOnlyDictionary<string, JsonObject> Json { get; }

    public void Dispose()
    {
        Directory.Delete(_root, recursive: true);
        GC.SuppressFinalize(this);
    }
}

using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Tests.Support;

/// <summary>One synthesized environment: the assembly on disk and the assertion templates of its two stacks.</summary>
public sealed class SynthesizedEnvironment
{
    internal SynthesizedEnvironment(ServiceSettings settings, string directory)
    {
        Settings = settings;
        var model = InfrastructureApp.Build(settings, directory);
        model.App.Synth();
        Assembly = model.Assembly;
        // The stacks are synthesized already: FromStack reads the cached assembly.
        Environment = Template.FromStack(model.Environment);
        Service = Template.FromStack(model.Service);
        EnvironmentJson = JsonNode.Parse(File.ReadAllText(Assembly.EnvironmentTemplate))!.AsObject();
        ServiceJson = JsonNode.Parse(File.ReadAllText(Assembly.ServiceTemplate))!.AsObject();
    }

    public ServiceSettings Settings { get; }

    public SynthesizedAssembly Assembly { get; }

    public Template Environment { get; }

    public Template Service { get; }

    /// <summary>The templates as JSON, for checks the assertion library cannot express (every rule of a kind, exact sets).</summary>
    public JsonObject EnvironmentJson { get; }

    public JsonObject ServiceJson { get; }

    /// <summary>Resources of a type in a template, by logical id.</summary>
    public static IReadOnlyDictionary<string, JsonObject> Resources(JsonObject template, string type) =>
        template["Resources"]!.AsObject()
            .Where(pair => (string?)pair.Value!["Type"] == type)
            .ToDictionary(pair => pair.Key, pair => pair.Value!.AsObject());
}

/// <summary>
/// Synthesizes each environment at most once for the whole test run (synthesis is slow: the CDK runs in Node),
/// lazily, so that a filtered run pays only for what it uses. Shared by the classes of <see cref="CdkCollection"/>,
/// which also keeps them from calling into the jsii runtime from several threads at once.
/// </summary>
public sealed class SynthesisFixture : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("fargo-infra-tests-").FullName;
    private readonly Lazy<SynthesizedEnvironment> _qa;
    private readonly Lazy<SynthesizedEnvironment> _prod;
    private readonly Lazy<SynthesizedEnvironment> _existingNetwork;
    private readonly Lazy<SynthesizedEnvironment> _plainHttp;
    private readonly Lazy<IReadOnlyList<GuardFailure>> _guard;

    public SynthesisFixture()
    {
        _qa = new(() => Synthesize(ExampleConfig.ForEnvironment("qa"), "qa"));
        _prod = new(() => Synthesize(ExampleConfig.ForEnvironment("prod"), "prod"));
        _existingNetwork = new(() => Synthesize(TestSettings.ExistingNetwork(), "existing-network"));
        _plainHttp = new(() => Synthesize(TestSettings.PlainHttp(), "plain-http"));
        _guard = new(() =>
        {
            ViolatingTemplate = Path.Combine(_root, "violating.template.json");
            File.WriteAllText(ViolatingTemplate, """{"Resources":{"Open":{"Type":"AWS::S3::Bucket","Properties":{}}}}""");
            var templates = Names.Select(Get).SelectMany(e => new[] { e.Assembly.EnvironmentTemplate, e.Assembly.ServiceTemplate }).Append(ViolatingTemplate);
            return CfnGuard.Validate([.. templates]);
        });
    }

    /// <summary>The example's qa: the cheap choices.</summary>
    public SynthesizedEnvironment Qa => _qa.Value;

    /// <summary>The example's prod: every option on.</summary>
    public SynthesizedEnvironment Prod => _prod.Value;

    /// <summary>The alternatives the example does not use: existing VPC, certificate ARN, internal load balancer, no database.</summary>
    public SynthesizedEnvironment ExistingNetwork => _existingNetwork.Value;

    /// <summary>No domain and no certificate: plain HTTP.</summary>
    public SynthesizedEnvironment PlainHttp => _plainHttp.Value;

    /// <summary>The names <see cref="Get"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["qa", "prod", "existing-network", "plain-http"];

    /// <summary>A synthesized environment by the name the tests use (synthesizing it on first use).</summary>
    public SynthesizedEnvironment Get(string name) => name switch
    {
        "qa" => Qa,
        "prod" => Prod,
        "existing-network" => ExistingNetwork,
        "plain-http" => PlainHttp,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>
    /// A template that breaks S3 controls on purpose, checked in the same cfn-guard run, to prove the rules run.
    /// </summary>
    public string ViolatingTemplate { get; private set; } = "";

    /// <summary>
    /// cfn-guard over every synthesized template at once (loading the rules is most of a run's time).
    /// </summary>
    public IReadOnlyList<GuardFailure> GuardFailures => _guard.Value;

    /// <summary>A fresh synthesis into a new folder (for the determinism check).</summary>
    public SynthesizedAssembly SynthesizeAgain(ServiceSettings settings, string name) =>
        InfrastructureApp.Synthesize(settings, Path.Combine(_root, name));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SynthesizedEnvironment Synthesize(ServiceSettings settings, string name) =>
        new(settings, Path.Combine(_root, name));
}

[CollectionDefinition(Name)]
public sealed class CdkCollection : ICollectionFixture<SynthesisFixture>
{
    public const string Name = "CDK synthesis";
}

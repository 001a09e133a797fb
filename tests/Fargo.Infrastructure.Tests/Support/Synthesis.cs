using System.Text.Json.Nodes;
using Amazon.CDK.Assertions;
using Fargo.Config.Model;

namespace Fargo.Infrastructure.Tests.Support;

/// <summary>One synthesized environment: the assembly on disk and the assertion templates of its two stacks.</summary>
public sealed class SynthesizedEnvironment
{
    internal SynthesizedEnvironment(ServiceSettings settings, string directory)
        : this(settings, Synthesized(InfrastructureApp.Build(settings, RepositoryPlacement.Alone, directory)))
    {
    }

    /// <summary>An environment whose app has been synthesized already (with other environments in it).</summary>
    internal SynthesizedEnvironment(ServiceSettings settings, InfrastructureModel model)
    {
        Settings = settings;
        Assembly = model.Assembly;
        // The stacks are synthesized already: FromStack reads the cached assembly.
        Environment = Template.FromStack(model.Environment);
        Service = Template.FromStack(model.Service);
        EnvironmentJson = JsonNode.Parse(File.ReadAllText(Assembly.EnvironmentTemplate))!.AsObject();
        ServiceJson = JsonNode.Parse(File.ReadAllText(Assembly.ServiceTemplate))!.AsObject();
    }

    public ServiceSettings Settings { get; }

    private static InfrastructureModel Synthesized(InfrastructureModel model)
    {
        model.App.Synth();
        return model;
    }

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

/// <summary>One synthesized one-stack assembly (deploy access or pipeline): the assertion template and the JSON.</summary>
public sealed class SynthesizedSingleStack
{
    internal SynthesizedSingleStack(Amazon.CDK.App app, Amazon.CDK.Stack stack, SingleStackAssembly assembly, Pipelines.DeliveryPipeline pipeline, ServiceSettings settings)
    {
        Pipeline = pipeline;
        Settings = settings;
        app.Synth();
        Assembly = assembly;
        Template = Template.FromStack(stack);
        Json = JsonNode.Parse(File.ReadAllText(assembly.Template))!.AsObject();
    }

    public Pipelines.DeliveryPipeline Pipeline { get; }

    /// <summary>The settings of the environment the stack lives in (the first stage's for the pipeline).</summary>
    public ServiceSettings Settings { get; }

    public SingleStackAssembly Assembly { get; }

    public Template Template { get; }

    public JsonObject Json { get; }
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
    private readonly Lazy<SynthesizedEnvironment> _qaReports;
    private readonly Lazy<SynthesizedEnvironment> _prod;
    private readonly Lazy<SynthesizedEnvironment> _existingNetwork;
    private readonly Lazy<SynthesizedEnvironment> _plainHttp;
    private readonly Lazy<(SynthesizedEnvironment Owner, SynthesizedEnvironment Importer)> _sharedRepository;
    private readonly Lazy<IReadOnlyList<GuardFailure>> _guard;
    private readonly Lazy<SynthesizedSingleStack> _pipeline;
    private readonly Lazy<SynthesizedSingleStack> _connectionPipeline;
    private readonly Lazy<SynthesizedSingleStack> _qaAccess;
    private readonly Lazy<SynthesizedSingleStack> _qaAccessWithPipeline;
    private readonly Lazy<SynthesizedSingleStack> _prodAccess;

    public SynthesisFixture()
    {
        _qa = new(() => Synthesize(ExampleConfig.ForEnvironment("qa"), "qa"));
        _qaReports = new(() => Synthesize(TestSettings.SecondService(ExampleConfig.ForEnvironment("qa")), "qa-reports"));
        _pipeline = new(() => SynthesizePipeline(TestPipelines.Webhook(), "pipeline"));
        _connectionPipeline = new(() => SynthesizePipeline(TestPipelines.Connection(), "pipeline-connection"));
        // qa trusts GitHub only; prod trusts GitHub and the pipeline's CodeBuild.
        _qaAccess = new(() => SynthesizeAccess(TestPipelines.Webhook(), "qa", trustCodePipeline: false, "qa-access"));
        _qaAccessWithPipeline = new(() => SynthesizeAccess(TestPipelines.Webhook(), "qa", trustCodePipeline: true, "qa-access-pipeline"));
        _prodAccess = new(() => SynthesizeAccess(TestPipelines.Webhook(), "prod", trustCodePipeline: true, "prod-access"));
        _prod = new(() => Synthesize(ExampleConfig.ForEnvironment("prod"), "prod"));
        _existingNetwork = new(() => Synthesize(TestSettings.ExistingNetwork(), "existing-network"));
        _plainHttp = new(() => Synthesize(TestSettings.PlainHttp(), "plain-http"));
        _sharedRepository = new(() => SynthesizeSharedRepository(TestSettings.SharedAccount(), "shared-repository"));
        _guard = new(() =>
        {
            ViolatingTemplate = Path.Combine(_root, "violating.template.json");
            File.WriteAllText(ViolatingTemplate, """{"Resources":{"Open":{"Type":"AWS::S3::Bucket","Properties":{}}}}""");
            var templates = Names.Select(Get).SelectMany(e => new[] { e.Assembly.EnvironmentTemplate, e.Assembly.ServiceTemplate })
                .Concat(SingleStackNames.Select(name => GetSingle(name).Assembly.Template))
                .Append(ViolatingTemplate);
            return CfnGuard.Validate([.. templates]);
        });
    }

    /// <summary>The example's qa: the cheap choices.</summary>
    public SynthesizedEnvironment Qa => _qa.Value;

    /// <summary>A second service in the example's qa, from its own file: the same environment settings, its own path.</summary>
    public SynthesizedEnvironment QaReports => _qaReports.Value;

    /// <summary>The example's prod: every option on.</summary>
    public SynthesizedEnvironment Prod => _prod.Value;

    /// <summary>The alternatives the example does not use: existing VPC, certificate ARN, internal load balancer, no database.</summary>
    public SynthesizedEnvironment ExistingNetwork => _existingNetwork.Value;

    /// <summary>No domain and no certificate: plain HTTP.</summary>
    public SynthesizedEnvironment PlainHttp => _plainHttp.Value;

    /// <summary>The first of two environments in one account and region: it creates the repository both use.</summary>
    public SynthesizedEnvironment SharedOwner => _sharedRepository.Value.Owner;

    /// <summary>The second of two environments in one account and region: it imports the first one's repository.</summary>
    public SynthesizedEnvironment SharedImporter => _sharedRepository.Value.Importer;

    /// <summary>The example's pipeline with a GitHub webhook source, a test and two approvers.</summary>
    public SynthesizedSingleStack Pipeline => _pipeline.Value;

    /// <summary>The example's pipeline with a CodeStar connection source.</summary>
    public SynthesizedSingleStack ConnectionPipeline => _connectionPipeline.Value;

    /// <summary>qa's deploy access, for GitHub Actions only: the deploy role, and the read role prod promotes from it with.</summary>
    public SynthesizedSingleStack QaAccess => _qaAccess.Value;

    /// <summary>qa's deploy access for GitHub Actions and the pipeline's CodeBuild.</summary>
    public SynthesizedSingleStack QaAccessWithPipeline => _qaAccessWithPipeline.Value;

    /// <summary>prod's deploy access, for GitHub Actions and the pipeline's CodeBuild.</summary>
    public SynthesizedSingleStack ProdAccess => _prodAccess.Value;

    /// <summary>The names <see cref="GetSingle"/> knows.</summary>
    public static IReadOnlyList<string> SingleStackNames { get; } = ["pipeline", "pipeline-connection", "qa-access", "qa-access-pipeline", "prod-access"];

    public SynthesizedSingleStack GetSingle(string name) => name switch
    {
        "pipeline" => Pipeline,
        "pipeline-connection" => ConnectionPipeline,
        "qa-access" => QaAccess,
        "qa-access-pipeline" => QaAccessWithPipeline,
        "prod-access" => ProdAccess,
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
    };

    /// <summary>The names <see cref="Get"/> knows.</summary>
    public static IReadOnlyList<string> Names { get; } = ["qa", "prod", "existing-network", "plain-http", "shared-owner", "shared-importer"];

    /// <summary>A synthesized environment by the name the tests use (synthesizing it on first use).</summary>
    public SynthesizedEnvironment Get(string name) => name switch
    {
        "qa" => Qa,
        "prod" => Prod,
        "existing-network" => ExistingNetwork,
        "plain-http" => PlainHttp,
        "shared-owner" => SharedOwner,
        "shared-importer" => SharedImporter,
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
        InfrastructureApp.Synthesize(settings, RepositoryPlacement.Alone, Path.Combine(_root, name));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private SynthesizedEnvironment Synthesize(ServiceSettings settings, string name) =>
        new(settings, Path.Combine(_root, name));

    /// <summary>
    /// Both environments of one account and region in one app, each with the placement the configuration gives it,
    /// so that one synthesis covers the owner and the importer of the shared repository.
    /// </summary>
    private (SynthesizedEnvironment Owner, SynthesizedEnvironment Importer) SynthesizeSharedRepository(IReadOnlyList<ServiceSettings> environments, string name)
    {
        var directory = Path.Combine(_root, name);
        var app = InfrastructureApp.NewApp(directory);
        var models = environments.Select(settings => InfrastructureApp.Build(app, settings, RepositoryPlacement.For(settings, environments), directory)).ToList();
        app.Synth();
        return (new SynthesizedEnvironment(environments[0], models[0]), new SynthesizedEnvironment(environments[1], models[1]));
    }

    private SynthesizedSingleStack SynthesizePipeline(Pipelines.DeliveryPipeline pipeline, string name)
    {
        var (app, stack, assembly) = InfrastructureApp.BuildPipeline(pipeline, Path.Combine(_root, name));
        return new SynthesizedSingleStack(app, stack, assembly, pipeline, pipeline.First.Settings);
    }

    private SynthesizedSingleStack SynthesizeAccess(Pipelines.DeliveryPipeline pipeline, string environment, bool trustCodePipeline, string name)
    {
        var (app, stack, assembly) = InfrastructureApp.BuildDeployAccess(pipeline, environment, trustCodePipeline, Path.Combine(_root, name));
        return new SynthesizedSingleStack(app, stack, assembly, pipeline, pipeline.Stages[pipeline.IndexOf(environment)].Settings);
    }
}

[CollectionDefinition(Name)]
public sealed class CdkCollection : ICollectionFixture<SynthesisFixture>
{
    public const string Name = "CDK synthesis";
}

using Amazon.CDK;
using Fargo.Config.Model;
using Fargo.Infrastructure.Pipelines;
using Fargo.Infrastructure.Stacks;

namespace Fargo.Infrastructure;

/// <summary>
/// Builds the CDK app of one service in one environment (the environment stack and the service stack) and
/// synthesizes it into a cloud assembly: offline, without credentials, and deterministic (the same settings
/// give byte-identical files).
/// </summary>
/// <remarks>
/// Synthesis runs the CDK's JavaScript through the jsii runtime, which starts Node.js: Node must be on the PATH.
/// Choices that keep the output deterministic and deployable:
/// <list type="bullet">
/// <item>DefaultStackSynthesizer (the modern bootstrap: `cdk bootstrap` once per account and region) without the
/// BootstrapVersion parameter and rule, so that the templates also deploy with plain `aws cloudformation deploy`.</item>
/// <item>No analytics metadata (AWS::CDK::Metadata), no stack traces, no tree.json.</item>
/// <item>The feature flags of a new CDK 2.160 project, fixed here rather than taken from a cdk.json.</item>
/// <item>Account and region from the environment's configuration; availability zones through Fn::GetAZs.</item>
/// </list>
/// </remarks>
public static class InfrastructureApp
{
    /// <summary>
    /// Synthesizes the environment's stacks into <paramref name="outputDirectory"/>. A folder that already
    /// holds a cloud assembly is replaced; any other non-empty folder is refused.
    /// </summary>
    /// <param name="repository">Whether the service stack creates the image repository or imports another environment's
    /// (<see cref="RepositoryPlacement.For"/> over the file's environments).</param>
    public static SynthesizedAssembly Synthesize(ServiceSettings settings, RepositoryPlacement repository, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        CheckPlacement(repository);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        // Configuration problems and a missing Node.js are reported before anything is written.
        _ = TargetEnvironment.From(settings);
        Toolkit.NodeRuntime.Locate();
        var directory = Path.GetFullPath(outputDirectory);
        PrepareOutputDirectory(directory);

        var model = Build(settings, repository, directory);
        model.App.Synth();
        return model.Assembly;
    }

    /// <summary>
    /// Synthesizes the deploy-access stack of one stage (`fargo infra … --oidc`): GitHub's OIDC provider and the deploy
    /// role, which trusts the stage's GitHub environment and, with <paramref name="trustCodePipeline"/>, the pipeline's
    /// CodeBuild role; and, unless the stage is the last, the read role the next stage promotes from it with, which trusts
    /// the next stage's deploy role and, with <paramref name="trustCodePipeline"/>, the pipeline's promote role.
    /// </summary>
    public static SingleStackAssembly SynthesizeDeployAccess(DeliveryPipeline pipeline, string environment, bool trustCodePipeline, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        // Configuration problems are reported before anything is written.
        _ = StageIndex(pipeline, environment);
        var (app, _, assembly) = BuildDeployAccess(pipeline, environment, trustCodePipeline, PrepareSynthesis(outputDirectory));
        app.Synth();
        return assembly;
    }

    /// <summary>Synthesizes the CodePipeline stack (`fargo infra … --pipeline`) in the first stage's account and region.</summary>
    public static SingleStackAssembly SynthesizePipeline(DeliveryPipeline pipeline, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var (app, _, assembly) = BuildPipeline(pipeline, PrepareSynthesis(outputDirectory));
        app.Synth();
        return assembly;
    }

    internal static (App App, DeployAccessStack Stack, SingleStackAssembly Assembly) BuildDeployAccess(DeliveryPipeline pipeline, string environment, bool trustCodePipeline, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var index = StageIndex(pipeline, environment);
        var stage = pipeline.Stages[index];
        var target = TargetEnvironment.From(stage.Settings);
        var name = StackNames.DeployAccess(stage.Settings);
        var app = NewApp(outputDirectory);
        var stack = new DeployAccessStack(app, name, pipeline, index, trustCodePipeline, StackProps(name, target, $"Fargo CI/CD access to {stage.Settings.App} in {stage.Name}: {(index + 1 < pipeline.Stages.Count ? "GitHub OIDC, the deploy role and the read role" : "GitHub OIDC and the deploy role")}"));
        Tags.Of(stack).Add("fargo:environment", stage.Name);
        Tags.Of(stack).Add("fargo:service", stage.Settings.App);
        RoleGuardRails.Apply(stack, stage.Settings.Iam);
        return (app, stack, new SingleStackAssembly(outputDirectory, name, Path.Combine(outputDirectory, $"{name}.template.json"), stage.Account, stage.Region, []));
    }

    internal static (App App, PipelineStack Stack, SingleStackAssembly Assembly) BuildPipeline(DeliveryPipeline pipeline, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(pipeline);
        var target = TargetEnvironment.From(pipeline.First.Settings);
        var name = StackNames.Pipeline(pipeline.App);
        var app = NewApp(outputDirectory);
        var stack = new PipelineStack(app, name, pipeline, StackProps(name, target, $"Fargo pipeline of {pipeline.App}: {string.Join(" -> ", pipeline.Stages.Select(s => s.Name))}"));
        Tags.Of(stack).Add("fargo:service", pipeline.App);
        RoleGuardRails.Apply(stack, pipeline.First.Settings.Iam);
        return (app, stack, new SingleStackAssembly(outputDirectory, name, Path.Combine(outputDirectory, $"{name}.template.json"), target.Account, target.Region, [StackOutputs.ArtifactsBucketName]));
    }

    /// <summary>Builds the app without synthesizing it; tests synthesize it and inspect the stack objects.</summary>
    internal static InfrastructureModel Build(ServiceSettings settings, RepositoryPlacement repository, string outputDirectory) =>
        Build(NewApp(outputDirectory), settings, repository, outputDirectory);

    /// <summary>
    /// Builds the environment's stacks into an existing app. Tests put the two sides of a shared repository (its
    /// owner and an environment that imports it) into one app, so that one synthesis covers both.
    /// </summary>
    internal static InfrastructureModel Build(App app, ServiceSettings settings, RepositoryPlacement repository, string outputDirectory)
    {
        var model = BuildApp(app, [settings], _ => repository, outputDirectory);
        return new InfrastructureModel(app, model.Environment, model.Services[0], model.Assemblies[0]);
    }

    /// <summary>
    /// Synthesizes the stacks of an app of several services in one environment into <paramref name="outputDirectory"/>:
    /// the environment stack and one service stack per service, in the order given; one assembly description per service
    /// (each naming the shared environment template and its own service template).
    /// </summary>
    /// <param name="repository">Each service's repository placement (<see cref="RepositoryPlacement.For"/>), by service name.</param>
    public static IReadOnlyList<SynthesizedAssembly> SynthesizeApp(IReadOnlyList<ServiceSettings> services, Func<ServiceSettings, RepositoryPlacement> repository, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentOutOfRangeException.ThrowIfZero(services.Count);
        foreach (var service in services)
        {
            _ = TargetEnvironment.From(service);
        }

        var model = BuildApp(NewApp(PrepareSynthesis(outputDirectory)), services, repository, Path.GetFullPath(outputDirectory));
        model.App.Synth();
        return model.Assemblies;
    }

    /// <summary>
    /// The environment stack (from the first service's settings) and a stack per service, each depending on the
    /// environment's. A service that another calls is registered in the environment's Cloud Map namespace, and admits
    /// its callers' security groups on its port: the rule lives with the called service's group, so a caller's stack
    /// comes first (a call is a dependency of stacks, as of services).
    /// </summary>
    internal static AppModel BuildApp(App app, IReadOnlyList<ServiceSettings> services, Func<ServiceSettings, RepositoryPlacement> repository, string outputDirectory)
    {
        var first = services[0];
        var target = TargetEnvironment.From(first);
        var environmentName = StackNames.For(first).Environment;
        var environment = new EnvironmentStack(app, environmentName, first, target, StackProps(environmentName, target, $"Fargo environment {target.Name}: network, load balancer, cluster"));
        Tags.Of(environment).Add("fargo:environment", target.Name);
        RoleGuardRails.Apply(environment, first.Iam);

        var called = services.SelectMany(s => s.Calls).Select(c => c.Service).ToHashSet(StringComparer.Ordinal);
        // A database's owner is made before the services that use it (their stacks import its instance); the lists keep
        // the order given.
        var made = new Dictionary<string, ServiceStack>(StringComparer.Ordinal);
        var placements = new Dictionary<string, RepositoryPlacement>(StringComparer.Ordinal);
        foreach (var settings in ServiceOrder.CalledFirst(services))
        {
            var placement = placements[settings.Name] = repository(settings);
            CheckPlacement(placement);
            var serviceTarget = TargetEnvironment.From(settings);
            var names = StackNames.For(settings);
            var databaseOwner = settings.Database?.Owner is { } owner ? made.GetValueOrDefault(owner) : null;
            var service = new ServiceStack(app, names.Service, settings, serviceTarget, placement, environment, StackProps(names.Service, serviceTarget, $"Fargo service {settings.Name} in {serviceTarget.Name}"), called.Contains(settings.Name), databaseOwner);
            service.AddDependency(environment);
            Tags.Of(service).Add("fargo:environment", serviceTarget.Name);
            Tags.Of(service).Add("fargo:service", settings.Name);
            RoleGuardRails.Apply(service, settings.Iam);
            made[settings.Name] = service;
        }

        var stacks = services.Select(s => made[s.Name]).ToList();
        var assemblies = services.Select(s => Assembly(s, TargetEnvironment.From(s), StackNames.For(s), placements[s.Name], outputDirectory)).ToList();
        var byName = made;
        foreach (var (caller, settings) in stacks.Zip(services))
        {
            foreach (var call in settings.Calls)
            {
                byName[call.Service].AdmitCaller(caller);
            }
        }

        return new AppModel(app, environment, stacks, assemblies);
    }

    private static SynthesizedAssembly Assembly(ServiceSettings settings, TargetEnvironment target, StackNames names, RepositoryPlacement repository, string outputDirectory) =>
        new(
            outputDirectory,
            names,
            Path.Combine(outputDirectory, $"{names.Environment}.template.json"),
            Path.Combine(outputDirectory, $"{names.Service}.template.json"),
            target.Account,
            target.Region,
            KeepsData: target.ProdLike,
            HostedZoneToLookUp: target.Https == HttpsMode.NewDnsValidatedCertificate && target.HostedZone!.Id is null ? target.HostedZone.Name : null,
            ExistingVpcId: string.IsNullOrWhiteSpace(settings.Network.VpcId) ? null : settings.Network.VpcId,
            NeedsVpcCidr: !string.IsNullOrWhiteSpace(settings.Network.VpcId) && !settings.Network.Public,
            Repository: repository);

    private static void CheckPlacement(RepositoryPlacement repository)
    {
        ArgumentNullException.ThrowIfNull(repository);
        if (!repository.Owns && string.IsNullOrWhiteSpace(repository.OwnerEnvironment))
        {
            throw new ArgumentException("an imported repository needs the environment that owns it", nameof(repository));
        }
    }

    private static int StageIndex(DeliveryPipeline pipeline, string environment)
    {
        var index = pipeline.IndexOf(environment);
        return index >= 0
            ? index
            : throw new InfrastructureConfigurationException(
                $"environment '{environment}' is not a stage of the pipeline ({string.Join(", ", pipeline.Stages.Select(s => s.Name))}): only stages get a deploy role; add it to [pipeline] stages");
    }

    internal static App NewApp(string outputDirectory) => new(new AppProps
    {
        Outdir = outputDirectory,
        AnalyticsReporting = false,
        StackTraces = false,
        TreeMetadata = false,
        Context = SynthesisContext.Values(),
    });

    private static string PrepareSynthesis(string outputDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        Toolkit.NodeRuntime.Locate();
        var directory = Path.GetFullPath(outputDirectory);
        PrepareOutputDirectory(directory);
        return directory;
    }

    private static StackProps StackProps(string stackName, TargetEnvironment target, string description) => new()
    {
        StackName = stackName,
        Description = description,
        Env = new Amazon.CDK.Environment { Account = target.Account, Region = target.Region },
        AnalyticsReporting = false,
        Synthesizer = new DefaultStackSynthesizer(new DefaultStackSynthesizerProps { GenerateBootstrapVersionRule = false }),
    };

    private static void PrepareOutputDirectory(string directory)
    {
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            return;
        }

        if (!Directory.EnumerateFileSystemEntries(directory).Any())
        {
            return;
        }

        if (!File.Exists(Path.Combine(directory, "manifest.json")))
        {
            throw new InfrastructureException(
                $"{directory} is not empty and holds no cloud assembly; give an empty or new folder for the synthesized stacks");
        }

        // A previous assembly: replace it whole, so that no stale template of a removed stack survives.
        foreach (var entry in Directory.EnumerateFileSystemEntries(directory))
        {
            if (Directory.Exists(entry))
            {
                Directory.Delete(entry, recursive: true);
            }
            else
            {
                File.Delete(entry);
            }
        }
    }
}

/// <summary>A synthesized cloud assembly: the folder to give the CDK toolkit as --app, and its two templates.</summary>
/// <param name="KeepsData">Prod-like (requires_approval): buckets, repository and logs outlive the stacks; the database is protected.</param>
/// <param name="HostedZoneToLookUp">A hosted zone given by name whose id `infra up` passes (<see cref="Toolkit.DeployInputs.HostedZoneId"/>) for the new certificate.</param>
/// <param name="ExistingVpcId">The existing VPC whose subnets `infra up` passes on the first deploy (<see cref="Toolkit.DeployInputs.Subnets"/>).</param>
/// <param name="NeedsVpcCidr">The existing VPC's CIDR is a parameter too (internal load balancer).</param>
/// <param name="Repository">Whether the service stack creates the image repository or uses another environment's; a shared
/// one is never emptied by `infra down`.</param>
public sealed record SynthesizedAssembly(
    string Directory,
    StackNames Stacks,
    string EnvironmentTemplate,
    string ServiceTemplate,
    string Account,
    string Region,
    bool KeepsData,
    string? HostedZoneToLookUp,
    string? ExistingVpcId,
    bool NeedsVpcCidr,
    RepositoryPlacement Repository);

/// <summary>
/// A synthesized cloud assembly of one stack (the deploy-access stack or the pipeline stack).
/// </summary>
/// <param name="Directory">The folder to give the CDK toolkit as --app.</param>
/// <param name="BucketsToEmpty">Output keys naming versioned buckets `infra down` empties before deleting the stack.</param>
public sealed record SingleStackAssembly(
    string Directory,
    string StackName,
    string Template,
    string Account,
    string Region,
    IReadOnlyList<string> BucketsToEmpty);

internal sealed record InfrastructureModel(App App, EnvironmentStack Environment, ServiceStack Service, SynthesizedAssembly Assembly);

/// <summary>An app of several services in one environment: the environment stack, and each service's stack and assembly, in order.</summary>
internal sealed record AppModel(App App, EnvironmentStack Environment, IReadOnlyList<ServiceStack> Services, IReadOnlyList<SynthesizedAssembly> Assemblies);

using Amazon.CDK;
using Fargo.Config.Model;
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
    public static SynthesizedAssembly Synthesize(ServiceSettings settings, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        // Configuration problems and a missing Node.js are reported before anything is written.
        _ = TargetEnvironment.From(settings);
        Toolkit.NodeRuntime.Locate();
        var directory = Path.GetFullPath(outputDirectory);
        PrepareOutputDirectory(directory);

        var model = Build(settings, directory);
        model.App.Synth();
        return model.Assembly;
    }

    /// <summary>Builds the app without synthesizing it; tests synthesize it and inspect the stack objects.</summary>
    internal static InfrastructureModel Build(ServiceSettings settings, string outputDirectory)
    {
        var target = TargetEnvironment.From(settings);
        var names = StackNames.For(settings);

        var app = new App(new AppProps
        {
            Outdir = outputDirectory,
            AnalyticsReporting = false,
            StackTraces = false,
            TreeMetadata = false,
            Context = SynthesisContext.Values(),
        });

        var environment = new EnvironmentStack(app, names.Environment, settings, target, StackProps(names.Environment, target, $"Fargo environment {target.Name}: network, load balancer, cluster"));
        var service = new ServiceStack(app, names.Service, settings, target, environment, StackProps(names.Service, target, $"Fargo service {settings.Name} in {target.Name}"));
        service.AddDependency(environment);

        foreach (var stack in new Stack[] { environment, service })
        {
            Tags.Of(stack).Add("fargo:environment", target.Name);
        }

        Tags.Of(service).Add("fargo:service", settings.Name);

        var assembly = new SynthesizedAssembly(
            outputDirectory,
            names,
            Path.Combine(outputDirectory, $"{names.Environment}.template.json"),
            Path.Combine(outputDirectory, $"{names.Service}.template.json"),
            target.Account,
            target.Region,
            KeepsData: target.ProdLike,
            HostedZoneToLookUp: target.Https == HttpsMode.NewDnsValidatedCertificate && target.HostedZone!.Id is null ? target.HostedZone.Name : null,
            ExistingVpcId: string.IsNullOrWhiteSpace(settings.Network.VpcId) ? null : settings.Network.VpcId,
            NeedsVpcCidr: !string.IsNullOrWhiteSpace(settings.Network.VpcId) && !settings.Network.Public);
        return new InfrastructureModel(app, environment, service, assembly);
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
    bool NeedsVpcCidr);

internal sealed record InfrastructureModel(App App, EnvironmentStack Environment, ServiceStack Service, SynthesizedAssembly Assembly);

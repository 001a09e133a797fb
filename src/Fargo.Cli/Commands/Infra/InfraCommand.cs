using System.CommandLine;
using Fargo.Cli.Configuration;
using Fargo.Cli.Errors;
using Fargo.Config;
using Fargo.Config.Model;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Toolkit;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// `fargo infra synth | diff | up | down`: the AWS topology of an environment (Fargo.Infrastructure's CDK stacks).
/// synth is offline; diff, up and down run the pinned CDK toolkit with the environment's credentials.
/// </summary>
internal sealed class InfraCommand(InfraDependencies dependencies) : ICliCommand
{
    /// <summary>Where assemblies go without --out: this folder beside fargo.toml, one subfolder per environment.</summary>
    public const string DefaultOutputFolder = "cdk.out";

    public InfraCommand()
        : this(InfraDependencies.ForProcess())
    {
    }

    public Command Create(CommandServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        return new Command(
            "infra",
            "The AWS infrastructure of an environment, as CloudFormation stacks defined with the AWS CDK: the environment's " +
            "network, load balancer and cluster (stack fargo-ENV) and the service's own resources (stack fargo-ENV-NAME). " +
            "With --env E --oidc: the CI/CD access to E (GitHub's OIDC provider, E's deploy role, and the read role the next stage promotes with); with --pipeline: the CodePipeline. " +
            "Needs Node.js 18+; diff, up and down install the pinned AWS CDK toolkit into FARGO_HOME/tools on first use.")
        {
            new InfraSynthCommand(dependencies).Create(services),
            new InfraDiffCommand(dependencies).Create(services),
            new InfraUpCommand(dependencies).Create(services),
            new InfraDownCommand(dependencies).Create(services),
        };
    }

    /// <summary>--out, shared by the subcommands.</summary>
    internal static Option<string?> OutOption() => new("--out")
    {
        Description = $"The folder for the synthesized cloud assemblies, one subfolder per environment. Default: {DefaultOutputFolder} beside fargo.toml.",
        HelpName = "dir",
    };

    /// <summary>fargo.toml with environments; a flat deploy file describes an existing service and has no infrastructure.</summary>
    internal static ServiceConfig LoadServiceConfig(CommandContext context) => context.LoadConfig() switch
    {
        ServiceConfig service => service,
        FlatConfig flat => throw new UsageException(
            $"{flat.SourcePath} is a flat deploy file for an existing cluster and service; Fargo manages no infrastructure for it.",
            "`fargo infra` works on a fargo.toml with [environments]; `fargo init` writes one."),
        var other => throw new InvalidOperationException($"Unknown configuration kind {other.GetType().Name}."),
    };

    /// <summary>The AWS environments of the file, in the order written (every environment but the local region).</summary>
    internal static IReadOnlyList<string> AwsEnvironments(ServiceConfig config) =>
        [.. config.EnvironmentNames.Where(name => !config.TargetOf(name).IsLocal)];

    /// <summary>
    /// The settings of the environment named by --env (an AWS one, or the local region, whose stacks the local
    /// CloudFormation deploys); a missing --env where one is needed is refused.
    /// </summary>
    internal static ServiceSettings SelectEnvironment(ServiceConfig config, string? environment, string? service, string verb)
    {
        if (environment is null)
        {
            throw new UsageException(
                $"`fargo infra {verb}` works on one environment; name it with --env.",
                Choices(config));
        }

        return Environments.Select(config, environment, service);
    }

    /// <summary>--out relative to the working directory, else cdk.out beside the configuration file.</summary>
    internal static string OutputRoot(CommandContext context, ServiceConfig config, string? outOption) =>
        string.IsNullOrWhiteSpace(outOption)
            ? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(config.SourcePath))!, DefaultOutputFolder)
            : Path.GetFullPath(outOption, context.Host.WorkingDirectory);

    /// <summary>The toolkit for one run: the pinned CDK in the tools folder, with --profile passed on.</summary>
    internal static CdkToolkit Toolkit(InfraDependencies dependencies, CommandContext context) =>
        new(new CdkToolkitOptions(dependencies.ToolsDirectory(context.Host), new CdkRunOptions(context.Settings.Profile)), dependencies.Runner);

    /// <summary>
    /// The services an infra command works on in the environment of --env: the one of --service (or of a file of one
    /// service), else every service of the app in deploy order (each called service before its callers).
    /// </summary>
    internal static IReadOnlyList<ServiceSettings> SelectApp(ServiceConfig config, string? environment, string? service, string verb)
    {
        if (service is not null || !config.HasSeveralServices || environment is null)
        {
            return [SelectEnvironment(config, environment, service, verb)];
        }

        return config.ServicesInDeployOrder(environment);
    }

    /// <summary>
    /// Synthesizes one environment into OUT/ENV, saying so first: the stacks of every service of the app together (a
    /// service that calls another imports the called one's security group), of which the chosen service's assembly is
    /// returned. Deploying it deploys the stacks of the services it calls first (the CDK deploys a stack's dependencies).
    /// </summary>
    internal static async Task<SynthesizedAssembly> SynthesizeAsync(
        InfraDependencies dependencies, ToolkitOutput output, ServiceConfig config, ServiceSettings settings, string root, CancellationToken cancellationToken)
    {
        var assemblies = await SynthesizeAppAsync(dependencies, output, config, [settings], root, cancellationToken);
        return assemblies[0];
    }

    /// <summary>
    /// Synthesizes one environment into OUT/ENV, saying so first: the stacks of every service of the app together, of which
    /// the assemblies of <paramref name="services"/> are returned, in their order.
    /// </summary>
    internal static async Task<IReadOnlyList<SynthesizedAssembly>> SynthesizeAppAsync(
        InfraDependencies dependencies, ToolkitOutput output, ServiceConfig config, IReadOnlyList<ServiceSettings> services, string root, CancellationToken cancellationToken)
    {
        var environment = services[0].Environment;
        var directory = Path.Combine(root, environment.Name);
        output.Say($"Synthesizing {environment.Name} (account {environment.Account}, {environment.Region}) into {directory}…");
        foreach (var settings in services)
        {
            var repository = RepositoryPlacementOf(config, settings);
            if (!repository.Owns)
            {
                output.Say($"{environment.Name} shares account {environment.Account} and {environment.Region} with {repository.OwnerEnvironment}: " +
                    $"it uses {repository.OwnerEnvironment}'s image repository {settings.Names.Repository}, which `fargo infra up --env {repository.OwnerEnvironment}` creates.");
            }
        }

        var app = config.ServicesInDeployOrder(environment.Name);
        var assemblies = await dependencies.Synthesizer.SynthesizeAppAsync(app, service => RepositoryPlacementOf(config, service), directory, cancellationToken);
        return [.. services.Select(settings => assemblies.First(a => a.Stacks.Service == Fargo.Infrastructure.StackNames.For(settings).Service))];
    }

    /// <summary>
    /// Whether the environment's stack creates the image repository or uses that of the first environment of the file in
    /// the same account and region (ECR holds one repository of a name per account and region).
    /// </summary>
    internal static RepositoryPlacement RepositoryPlacementOf(ServiceConfig config, ServiceSettings settings) =>
        RepositoryPlacement.For(settings, [.. AwsEnvironments(config).Select(name => config.ForEnvironment(name, settings.Name))]);

    internal static IReadOnlyList<string> StackNamesOf(SynthesizedAssembly assembly) => [assembly.Stacks.Environment, assembly.Stacks.Service];

    private static string Choices(ServiceConfig config)
    {
        var aws = AwsEnvironments(config);
        return aws.Count == 0
            ? $"{config.SourcePath} has no AWS environment yet: add one under [environments.NAME] with account and region."
            : $"Choose one of: {string.Join(", ", aws.Select(name => $"--env {name}"))} (or --env local: the local region).";
    }
}

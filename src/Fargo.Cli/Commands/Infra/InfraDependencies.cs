using Fargo.Aws;
using Fargo.Aws.Http;
using Fargo.Config.Model;
using Fargo.Infrastructure;
using Fargo.Infrastructure.Pipelines;
using Fargo.Infrastructure.Toolkit;
using Fargo.Local.Home;

namespace Fargo.Cli.Commands.Infra;

/// <summary>
/// What `fargo infra` reaches outside the process through: the programs it starts (node, npm, the CDK toolkit),
/// synthesis, AWS, and the person at the terminal. The process uses <see cref="ForProcess"/>; tests replace each
/// part so that the commands' flow is checked without AWS.
/// </summary>
/// <param name="Runner">Starts node, npm and the CDK toolkit.</param>
/// <param name="ToolsDirectory">Where the pinned CDK toolkit is installed (FARGO_HOME/tools).</param>
/// <param name="Synthesizer">Turns an environment's settings into a cloud assembly.</param>
/// <param name="AwsOptions">The AWS client options for a profile (null: AWS_PROFILE, then the default chain) and a region.</param>
/// <param name="Prompt">Asks the person at the terminal.</param>
internal sealed record InfraDependencies(
    IProcessRunner Runner,
    Func<CliHost, string> ToolsDirectory,
    IInfraSynthesizer Synthesizer,
    Func<string?, string, AwsClientOptions> AwsOptions,
    IConfirmationPrompt Prompt)
{
    public static InfraDependencies ForProcess()
    {
        var runner = new ProcessRunner();
        return new(
            runner,
            host => Path.Combine(FargoHome.FromEnvironment(host.GetEnvironmentVariable).Root, "tools"),
            new CdkSynthesizer(runner),
            (profile, region) => AwsClientOptions.FromEnvironment(AwsEnvironment.Process, profile, region),
            new ConsolePrompt());
    }
}

/// <summary>Synthesizes one environment's stacks, a stage's deploy access or the pipeline into a folder.</summary>
internal interface IInfraSynthesizer
{
    Task<SynthesizedAssembly> SynthesizeAsync(ServiceSettings settings, RepositoryPlacement repository, string outputDirectory, CancellationToken cancellationToken);

    /// <summary>The stacks of all the app's services in one environment together (<see cref="InfrastructureApp.SynthesizeApp"/>): one assembly per service.</summary>
    Task<IReadOnlyList<SynthesizedAssembly>> SynthesizeAppAsync(IReadOnlyList<ServiceSettings> services, Func<ServiceSettings, RepositoryPlacement> repository, string outputDirectory, CancellationToken cancellationToken);

    Task<SingleStackAssembly> SynthesizeDeployAccessAsync(DeliveryPipeline pipeline, string environment, bool trustCodePipeline, string outputDirectory, CancellationToken cancellationToken);

    Task<SingleStackAssembly> SynthesizePipelineAsync(DeliveryPipeline pipeline, string outputDirectory, CancellationToken cancellationToken);
}

/// <summary>
/// The real synthesis: the CDK app of Fargo.Infrastructure, run through the jsii runtime on Node.js. Node is checked
/// first (present, 18 or newer), so that a missing or old one gets Fargo's explanation rather than a jsii crash.
/// </summary>
internal sealed class CdkSynthesizer(IProcessRunner runner) : IInfraSynthesizer
{
    public async Task<SynthesizedAssembly> SynthesizeAsync(ServiceSettings settings, RepositoryPlacement repository, string outputDirectory, CancellationToken cancellationToken)
    {
        await PrepareNodeAsync(cancellationToken);
        return InfrastructureApp.Synthesize(settings, repository, outputDirectory);
    }

    public async Task<IReadOnlyList<SynthesizedAssembly>> SynthesizeAppAsync(IReadOnlyList<ServiceSettings> services, Func<ServiceSettings, RepositoryPlacement> repository, string outputDirectory, CancellationToken cancellationToken)
    {
        await PrepareNodeAsync(cancellationToken);
        return InfrastructureApp.SynthesizeApp(services, repository, outputDirectory);
    }

    public async Task<SingleStackAssembly> SynthesizeDeployAccessAsync(DeliveryPipeline pipeline, string environment, bool trustCodePipeline, string outputDirectory, CancellationToken cancellationToken)
    {
        await PrepareNodeAsync(cancellationToken);
        return InfrastructureApp.SynthesizeDeployAccess(pipeline, environment, trustCodePipeline, outputDirectory);
    }

    public async Task<SingleStackAssembly> SynthesizePipelineAsync(DeliveryPipeline pipeline, string outputDirectory, CancellationToken cancellationToken)
    {
        await PrepareNodeAsync(cancellationToken);
        return InfrastructureApp.SynthesizePipeline(pipeline, outputDirectory);
    }

    private async Task PrepareNodeAsync(CancellationToken cancellationToken)
    {
        var node = await NodeRuntime.CheckVersionAsync(runner, NodeRuntime.Locate(), cancellationToken);
        foreach (var (name, value) in JsiiQuietVariables(node))
        {
            // The jsii runtime (a node child process) inherits this process's environment when it starts.
            if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable(name)))
            {
                Environment.SetEnvironmentVariable(name, value);
            }
        }
    }

    /// <summary>
    /// jsii prints a framed banner when the Node.js release is deprecated, untested or past its end of life by jsii's
    /// own calendar (Node 20 is, for the runtime of CDK 2.160); it is about jsii's support policy, not the user's stacks,
    /// and would land in the middle of the command's output. Fargo checks the version it needs itself (18+). The
    /// end-of-life switch takes the major versions it silences.
    /// </summary>
    internal static IReadOnlyList<(string Name, string Value)> JsiiQuietVariables(Version node) =>
    [
        ("JSII_SILENCE_WARNING_DEPRECATED_NODE_VERSION", "1"),
        ("JSII_SILENCE_WARNING_UNTESTED_NODE_VERSION", "1"),
        ("JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION", node.Major.ToString(System.Globalization.CultureInfo.InvariantCulture)),
    ];
}
